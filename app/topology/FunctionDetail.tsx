import { ACS, ACS_BITS, ACS_LSPCI_NAME } from '../../src/pci/topology/topology.ts';
import { bitsOf, deviceWords, functionName } from './names.ts';
import { chooseVfioDevice, selectFunction } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/** "SrcValid+ TransBlk- …", as lspci prints ACSCtl. */
const lspciBits = (ctl: number): string => ACS_BITS.map((b) => `${ACS_LSPCI_NAME[b]}${(ctl & ACS[b]) !== 0 ? '+' : '-'}`).join(' ');

/** The function picked in the diagram or the groups list: what the dump says about it. */
export function FunctionDetail() {
  const report = useTopologyStore((s) => s.report);
  const selected = useTopologyStore((s) => s.selected);
  const f = report?.functions.find((x) => x.address === selected);
  return (
    <section className="function-detail" aria-labelledby="function-detail-heading">
      <h3 id="function-detail-heading">{f === undefined ? 'Selected function' : `${functionName(f)} ${f.address}`}</h3>
      {f === undefined ? (
        <p className="hint">Click a box in the tree, or a function in the groups list, to see its IDs, ACS registers, driver and BARs here.</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Device</dt>
            <dd>{deviceWords(f)} <code>[{f.ids}]</code></dd>
            <dt>Type</dt>
            <dd>{f.described.replace(/^\S+ \((.*)\)$/, '$1')}{f.multifunction ? ', multifunction' : ''}{f.ats ? ', ATS' : ''}</dd>
            <dt>IOMMU group</dt>
            <dd>{f.group}{f.reportedGroup === undefined ? '' : ` (kernel: ${f.reportedGroup})`}</dd>
            <dt>Driver</dt>
            <dd>{f.driver ?? 'none'}</dd>
            <dt>ACS</dt>
            <dd>
              {typeof f.acs === 'object'
                ? `ACSCap ${bitsOf(f.acs.cap).map((b) => ACS_LSPCI_NAME[b]).join(' ') || 'none'}; ACSCtl ${lspciBits(f.acs.ctl)}`
                : f.acs === 'absent' ? 'no ACS capability' : 'unknown: capabilities not in the dump'}
            </dd>
            {f.memoryBars.length > 0 && (
              <>
                <dt>Memory BARs</dt>
                <dd>{f.memoryBars.map((b) => `BAR${b.index} ${b.address}${b.size === undefined ? '' : ` [size=${b.size}]`}`).join(', ')}</dd>
              </>
            )}
          </dl>
          <div className="detail-actions">
            {!f.bridge && (
              <button type="button" className="quiet" onClick={() => void chooseVfioDevice(f.address)}>
                Pass {f.address} through (VFIO)
              </button>
            )}
            <button type="button" className="quiet" onClick={() => selectFunction(undefined)}>
              Clear selection
            </button>
          </div>
        </>
      )}
    </section>
  );
}
