import { useId } from 'react';
import { NCCL_PATH_TYPES, P2P_FIXES, type P2pFix } from '../../src/pci/topology/p2p-remedies.ts';
import type { P2pAnswer } from '../../src/pci/topology/topology-requests.ts';
import { useT, type MessageKey } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { setAcsRedirect, setDirectTranslated, setNccl, setP2pSettings } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/** What each fix does to this machine, where the view can show it. */
const TRY: Partial<Record<P2pFix['id'], { label: MessageKey; run: () => Promise<boolean> }>> = {
  'setpci-acs-off': { label: 'topo.try.acsOff', run: () => setAcsRedirect(false) },
  'bios-acs-off': { label: 'topo.try.acsOff', run: () => setAcsRedirect(false) },
  'disable-acs-redir': { label: 'topo.try.redirBits', run: () => setAcsRedirect(false) },
  'iommu-pt': { label: 'topo.try.pt', run: () => setP2pSettings({ iommu: 'pt' }) },
  'ats-direct-translated': { label: 'topo.try.atsDt', run: async () => (await setDirectTranslated(true)) && setP2pSettings({ atsTranslated: true }) },
  'nccl-p2p-disable': { label: 'topo.try.ncclDisable', run: () => setNccl({ ncclDisable: true }) },
};

/** NCCL's decision for this pair (ncclTopoCheckP2p) and the fixes people apply, with their price. */
export function NcclPanel({ answer }: { answer: P2pAnswer }) {
  const t = useT();
  const p2p = useTopologyStore((s) => s.p2p);
  const levelId = useId();
  const { nccl } = answer;
  return (
    <>
      <section className="nccl" aria-labelledby="nccl-heading">
        <h3 id="nccl-heading">{t('topo.nccl.heading')}</h3>
        <form className="request" onSubmit={(event) => event.preventDefault()}>
          <label className="inline">
            <input type="checkbox" checked={p2p.ncclDisable} onChange={(event) => void setNccl({ ncclDisable: event.target.checked })} />
            NCCL_P2P_DISABLE=1
          </label>
          <label htmlFor={levelId}>
            NCCL_P2P_LEVEL
            <select id={levelId} value={p2p.ncclLevel} onChange={(event) => void setNccl({ ncclLevel: NCCL_PATH_TYPES.find((t) => t === event.target.value) ?? '' })}>
              <option value="">{t('topo.nccl.unset', { level: nccl.intelX86 ? t('topo.nccl.intelDefault') : 'SYS' })}</option>
              {NCCL_PATH_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
        </form>
        <p>
          <RichText
            text={t('topo.nccl.summary')}
            values={{
              type: <strong>{nccl.pathType}</strong>,
              meaning: nccl.meaning,
              level: <strong>{nccl.level}</strong>,
              levelMeaning: nccl.levelMeaning,
              uses: <strong>{nccl.usesP2p ? t('topo.nccl.used') : t('topo.nccl.notUsed')}</strong>,
            }}
          />
          {nccl.usesP2p && answer.outcome.kind !== 'delivered' && <span className="fault-text">{t('topo.nccl.hangs')}</span>}
        </p>
        <ol aria-label={t('topo.nccl.transfer')}>
          {nccl.transfer.map((t) => <li key={t}>{t}</li>)}
        </ol>
      </section>
      <section className="fixes" aria-labelledby="fixes-heading">
        <h3 id="fixes-heading">{t('topo.fixes.heading')}</h3>
        <div className="table-scroll">
          <table className="mappings fixes-table">
            <thead>
              <tr>
                <th scope="col">{t('topo.fixes.fix')}</th>
                <th scope="col">{t('topo.fixes.how')}</th>
                <th scope="col">{t('topo.fixes.gains')}</th>
                <th scope="col">{t('topo.fixes.givesUp')}</th>
                <th scope="col"><span className="visually-hidden">{t('topo.fixes.apply')}</span></th>
              </tr>
            </thead>
            <tbody>
              {P2P_FIXES.map((fix) => {
                const tryIt = TRY[fix.id];
                return (
                  <tr key={fix.id}>
                    <th scope="row">{fix.title}</th>
                    <td><code>{fix.how}</code></td>
                    <td>{fix.gains}</td>
                    <td>{fix.givesUp}</td>
                    <td>{tryIt !== undefined && <button type="button" className="quiet small" onClick={() => void tryIt.run()} aria-label={t('topo.fixes.tryAria', { label: t(tryIt.label), title: fix.title })}>{t(tryIt.label)}</button>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
