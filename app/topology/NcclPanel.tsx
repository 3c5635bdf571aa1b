import { useId } from 'react';
import { NCCL_PATH_TYPES, P2P_FIXES, type P2pFix } from '../../src/pci/topology/p2p-remedies.ts';
import type { P2pAnswer } from '../../src/pci/topology/topology-requests.ts';
import { setAcsRedirect, setDirectTranslated, setNccl, setP2pSettings } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/** What each fix does to this machine, where the view can show it. */
const TRY: Partial<Record<P2pFix['id'], { label: string; run: () => Promise<boolean> }>> = {
  'setpci-acs-off': { label: 'Try: clear ACS redirect', run: () => setAcsRedirect(false) },
  'bios-acs-off': { label: 'Try: clear ACS redirect', run: () => setAcsRedirect(false) },
  'disable-acs-redir': { label: 'Try: clear ReqRedir CmpltRedir EgressCtrl', run: () => setAcsRedirect(false) },
  'iommu-pt': { label: 'Try: iommu=pt', run: () => setP2pSettings({ iommu: 'pt' }) },
  'ats-direct-translated': { label: 'Try: ATS + DT', run: async () => (await setDirectTranslated(true)) && setP2pSettings({ atsTranslated: true }) },
  'nccl-p2p-disable': { label: 'Try: NCCL_P2P_DISABLE=1', run: () => setNccl({ ncclDisable: true }) },
};

/** NCCL's decision for this pair (ncclTopoCheckP2p) and the fixes people apply, with their price. */
export function NcclPanel({ answer }: { answer: P2pAnswer }) {
  const p2p = useTopologyStore((s) => s.p2p);
  const levelId = useId();
  const { nccl } = answer;
  return (
    <>
      <section className="nccl" aria-labelledby="nccl-heading">
        <h3 id="nccl-heading">What NCCL does</h3>
        <form className="request" onSubmit={(event) => event.preventDefault()}>
          <label className="inline">
            <input type="checkbox" checked={p2p.ncclDisable} onChange={(event) => void setNccl({ ncclDisable: event.target.checked })} />
            NCCL_P2P_DISABLE=1
          </label>
          <label htmlFor={levelId}>
            NCCL_P2P_LEVEL
            <select id={levelId} value={p2p.ncclLevel} onChange={(event) => void setNccl({ ncclLevel: NCCL_PATH_TYPES.find((t) => t === event.target.value) ?? '' })}>
              <option value="">unset (default {nccl.intelX86 ? 'PXB on Intel x86' : 'SYS'})</option>
              {NCCL_PATH_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
        </form>
        <p>
          NCCL classifies the path between the two GPUs as <strong>{nccl.pathType}</strong> ({nccl.meaning}) and uses P2P for paths up to level{' '}
          <strong>{nccl.level}</strong> ({nccl.levelMeaning}): <strong>{nccl.usesP2p ? 'P2P is used' : 'P2P is not used'}</strong>.
          {nccl.usesP2p && answer.outcome.kind !== 'delivered' && <span className="fault-text"> NCCL does not look at ACS: it tries P2P on a path that cannot deliver, and hangs.</span>}
        </p>
        <ol aria-label="NCCL transfer">
          {nccl.transfer.map((t) => <li key={t}>{t}</li>)}
        </ol>
      </section>
      <section className="fixes" aria-labelledby="fixes-heading">
        <h3 id="fixes-heading">Fixes people use, and what each gives up</h3>
        <div className="table-scroll">
          <table className="mappings fixes-table">
            <thead>
              <tr>
                <th scope="col">Fix</th>
                <th scope="col">How</th>
                <th scope="col">Gains</th>
                <th scope="col">Gives up</th>
                <th scope="col"><span className="visually-hidden">Apply</span></th>
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
                    <td>{tryIt !== undefined && <button type="button" className="quiet small" onClick={() => void tryIt.run()} aria-label={`${tryIt.label} (${fix.title})`}>{tryIt.label}</button>}</td>
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
