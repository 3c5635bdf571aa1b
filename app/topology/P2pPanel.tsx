import { useId } from 'react';
import type { P2pAnswer } from '../../src/pci/topology/topology-requests.ts';
import { ACS } from '../../src/pci/topology/topology.ts';
import { functionName, shortAddress, shownCtl } from './names.ts';
import { NcclPanel } from './NcclPanel.tsx';
import { chooseP2pPair, p2pCandidates, setAcsRedirect, setDirectTranslated, setP2pSettings } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';
import { WalkReports } from './WalkReports.tsx';

const IOMMU_MODES = [
  { id: 'dma', label: 'DMA domain (default)' },
  { id: 'pt', label: 'iommu=pt (identity)' },
  { id: 'off', label: 'IOMMU off' },
] as const;

const ROUTE_WORDS = {
  'switch': 'turned inside the PCIe switch: full bandwidth, the IOMMU never sees it',
  'direct-translated': 'went straight across the switch: an ATS-translated request with Direct Translated P2P',
  'root-complex': 'went up to the root complex and back down: it works, through the CPU, at lower bandwidth',
  'same-device': 'stayed on one link',
} as const;

function headline(answer: P2pAnswer): { ok: boolean; text: string } {
  switch (answer.outcome.kind) {
    case 'delivered':
      return { ok: true, text: `Delivered: ${ROUTE_WORDS[answer.outcome.route]}` };
    case 'iommu-fault':
      return { ok: false, text: 'IOMMU fault: ACS redirected the write up to the root complex, where GPU A\'s DMA domain does not map GPU B\'s BAR. The write is dropped and NCCL hangs or errors.' };
    case 'dropped':
      return { ok: false, text: `Dropped: ${answer.outcome.message}` };
    case 'invalid':
      return { ok: false, text: answer.outcome.message };
  }
}

/** GPU A writes GPU B's BAR: the controls, the route hop by hop, the walks, NCCL and the fixes. */
export function P2pPanel() {
  const report = useTopologyStore((s) => s.report);
  const p2p = useTopologyStore((s) => s.p2p);
  const answer = useTopologyStore((s) => s.p2pAnswer);
  const fromId = useId();
  const toId = useId();
  const candidates = report === undefined ? [] : p2pCandidates(report);
  const byAddress = new Map(report?.functions.map((f) => [f.address, f]) ?? []);
  const downstream = report?.functions.filter((f) => f.portType === 'downstream-port' && typeof f.acs === 'object') ?? [];
  const acsCtl = useTopologyStore((s) => s.edits.acsCtl);
  const ctlAll = (bit: number) => downstream.length > 0 && downstream.every((f) => (shownCtl(f, acsCtl) & bit) !== 0);
  const option = (address: string) => {
    const f = byAddress.get(address);
    return <option key={address} value={address}>{shortAddress(address)} {f === undefined ? '' : functionName(f)}</option>;
  };
  const result = answer === undefined ? undefined : headline(answer);
  return (
    <section className="p2p" aria-labelledby="p2p-heading">
      <h2 id="p2p-heading">Peer-to-peer path</h2>
      {candidates.length < 2 ? (
        <p>This machine has fewer than two devices with a memory BAR, so there is no peer to write to. Choose the 8-GPU server.</p>
      ) : (
        <>
          <form className="request p2p-controls" onSubmit={(event) => event.preventDefault()}>
            <label htmlFor={fromId}>
              GPU A (writes)
              <select id={fromId} value={p2p.from} onChange={(event) => void chooseP2pPair(event.target.value, p2p.to === event.target.value ? p2p.from : p2p.to)}>
                {candidates.map(option)}
              </select>
            </label>
            <label htmlFor={toId}>
              GPU B (its BAR is written)
              <select id={toId} value={p2p.to} onChange={(event) => void chooseP2pPair(p2p.from === event.target.value ? p2p.to : p2p.from, event.target.value)}>
                {candidates.map(option)}
              </select>
            </label>
            <fieldset className="access">
              <legend>IOMMU for host devices</legend>
              {IOMMU_MODES.map((m) => (
                <label key={m.id}>
                  <input type="radio" name="p2p-iommu" checked={p2p.settings.iommu === m.id} onChange={() => void setP2pSettings({ iommu: m.id })} />
                  {m.label}
                </label>
              ))}
            </fieldset>
            <fieldset className="access checks">
              <legend>Hardware and drivers</legend>
              <label>
                <input type="checkbox" checked={ctlAll(ACS.RR)} disabled={downstream.length === 0} onChange={(event) => void setAcsRedirect(event.target.checked)} />
                ACS redirect on the switch downstream ports
              </label>
              <label>
                <input type="checkbox" checked={ctlAll(ACS.DT)} disabled={downstream.length === 0} onChange={(event) => void setDirectTranslated(event.target.checked)} />
                Direct Translated P2P (DT) on those ports
              </label>
              <label>
                <input type="checkbox" checked={p2p.settings.atsTranslated} onChange={(event) => void setP2pSettings({ atsTranslated: event.target.checked })} />
                GPU A sends ATS-translated requests
              </label>
              <label>
                <input type="checkbox" checked={p2p.settings.peerMapped} onChange={(event) => void setP2pSettings({ peerMapped: event.target.checked })} />
                Peer BAR mapped in A's domain (dma_map_resource / P2PDMA)
              </label>
              <label>
                <input type="checkbox" checked={p2p.settings.rootComplexP2p} onChange={(event) => void setP2pSettings({ rootComplexP2p: event.target.checked })} />
                Root complex forwards peer-to-peer
              </label>
            </fieldset>
          </form>
          {answer !== undefined && result !== undefined && (
            <div className="p2p-result">
              <section className="p2p-route" aria-labelledby="p2p-route-heading">
                <h3 id="p2p-route-heading">Route of the write</h3>
                <p className={`outcome ${result.ok ? 'ok' : 'fault'}`} aria-live="polite">{result.text}</p>
                <ol className="hops" aria-label="Route hops">
                  <li><code>{shortAddress(answer.from)}</code> <strong>sends</strong> a memory write to GPU B's BAR</li>
                  {answer.hops.map((hop, i) => (
                    <li key={i} className={`hop ${hop.action}`}>
                      <code>{hop.at === 'IOMMU' || hop.at === 'root complex' ? hop.at : shortAddress(hop.at)}</code> <strong>{hop.action}</strong>: {hop.note}
                    </li>
                  ))}
                  {answer.outcome.kind === 'delivered' && <li><code>{shortAddress(answer.to)}</code> <strong>receives</strong> the write</li>}
                </ol>
              </section>
              <WalkReports walks={answer.walks} />
            </div>
          )}
          {answer !== undefined && <NcclPanel answer={answer} />}
        </>
      )}
    </section>
  );
}
