import { ACS, ACS_BITS, ACS_LSPCI_NAME } from '../../src/pci/topology/topology.ts';
import { bitsOf, deviceWords, functionName } from './names.ts';
import { useT } from '../i18n/i18n.ts';
import { chooseVfioDevice, selectFunction } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/** "SrcValid+ TransBlk- …", as lspci prints ACSCtl. */
const lspciBits = (ctl: number): string => ACS_BITS.map((b) => `${ACS_LSPCI_NAME[b]}${(ctl & ACS[b]) !== 0 ? '+' : '-'}`).join(' ');

/** The function picked in the diagram or the groups list: what the dump says about it. */
export function FunctionDetail() {
  const t = useT();
  const report = useTopologyStore((s) => s.report);
  const selected = useTopologyStore((s) => s.selected);
  const f = report?.functions.find((x) => x.address === selected);
  return (
    <section className="function-detail" aria-labelledby="function-detail-heading">
      <h3 id="function-detail-heading">{f === undefined ? t('topo.fn.selected') : `${functionName(f)} ${f.address}`}</h3>
      {f === undefined ? (
        <p className="hint">{t('topo.fn.hint')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('topo.fn.device')}</dt>
            <dd>{deviceWords(f)} <code>[{f.ids}]</code></dd>
            <dt>{t('topo.fn.type')}</dt>
            <dd>{f.described.replace(/^\S+ \((.*)\)$/, '$1')}{f.multifunction ? t('topo.fn.multifunction') : ''}{f.ats ? ', ATS' : ''}</dd>
            <dt>{t('topo.fn.group')}</dt>
            <dd>{f.group}{f.reportedGroup === undefined ? '' : t('topo.fn.kernelGroup', { group: f.reportedGroup })}</dd>
            <dt>{t('topo.fn.driver')}</dt>
            <dd>{f.driver ?? t('topo.fn.none')}</dd>
            <dt>ACS</dt>
            <dd>
              {typeof f.acs === 'object'
                ? `ACSCap ${bitsOf(f.acs.cap).map((b) => ACS_LSPCI_NAME[b]).join(' ') || t('topo.fn.none')}; ACSCtl ${lspciBits(f.acs.ctl)}`
                : f.acs === 'absent' ? t('topo.acs.absent') : t('topo.fn.acsUnknown')}
            </dd>
            {f.memoryBars.length > 0 && (
              <>
                <dt>{t('topo.fn.bars')}</dt>
                <dd>{f.memoryBars.map((b) => `BAR${b.index} ${b.address}${b.size === undefined ? '' : ` [size=${b.size}]`}`).join(', ')}</dd>
              </>
            )}
          </dl>
          <div className="detail-actions">
            {!f.bridge && (
              <button type="button" className="quiet" onClick={() => void chooseVfioDevice(f.address)}>
                {t('topo.fn.pass', { address: f.address })}
              </button>
            )}
            <button type="button" className="quiet" onClick={() => selectFunction(undefined)}>
              {t('topo.fn.clear')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
