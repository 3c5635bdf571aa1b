import { useId } from 'react';
import type { P2pAnswer } from '../../src/pci/topology/topology-requests.ts';
import { ACS } from '../../src/pci/topology/topology.ts';
import { t, useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { functionName, shortAddress, shownCtl } from './names.ts';
import { NcclPanel } from './NcclPanel.tsx';
import { chooseP2pPair, p2pCandidates, setAcsRedirect, setDirectTranslated, setP2pSettings } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';
import { WalkReports } from './WalkReports.tsx';

const IOMMU_MODES = ['dma', 'pt', 'off'] as const;

/** The outcome in a line, in the current language (called while rendering). */
function headline(answer: P2pAnswer): { ok: boolean; text: string } {
  switch (answer.outcome.kind) {
    case 'delivered':
      return { ok: true, text: t('topo.p2p.delivered', { route: t(`topo.p2p.route.${answer.outcome.route}`) }) };
    case 'iommu-fault':
      return { ok: false, text: t('topo.p2p.iommuFault') };
    case 'dropped':
      return { ok: false, text: t('topo.p2p.dropped', { message: answer.outcome.message }) };
    case 'invalid':
      return { ok: false, text: answer.outcome.message };
  }
}

/** GPU A writes GPU B's BAR: the controls, the route hop by hop, the walks, NCCL and the fixes. */
export function P2pPanel() {
  const t = useT();
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
      <h2 id="p2p-heading">{t('topo.p2p.heading')}</h2>
      {candidates.length < 2 ? (
        <p>{t('topo.p2p.noPeers')}</p>
      ) : (
        <>
          <form className="request p2p-controls" onSubmit={(event) => event.preventDefault()}>
            <label htmlFor={fromId}>
              {t('topo.p2p.from')}
              <select id={fromId} value={p2p.from} onChange={(event) => void chooseP2pPair(event.target.value, p2p.to === event.target.value ? p2p.from : p2p.to)}>
                {candidates.map(option)}
              </select>
            </label>
            <label htmlFor={toId}>
              {t('topo.p2p.to')}
              <select id={toId} value={p2p.to} onChange={(event) => void chooseP2pPair(p2p.from === event.target.value ? p2p.to : p2p.from, event.target.value)}>
                {candidates.map(option)}
              </select>
            </label>
            <fieldset className="access">
              <legend>{t('topo.p2p.iommu')}</legend>
              {IOMMU_MODES.map((id) => (
                <label key={id}>
                  <input type="radio" name="p2p-iommu" checked={p2p.settings.iommu === id} onChange={() => void setP2pSettings({ iommu: id })} />
                  {t(`topo.p2p.iommu.${id}`)}
                </label>
              ))}
            </fieldset>
            <fieldset className="access checks">
              <legend>{t('topo.p2p.hardware')}</legend>
              <label>
                <input type="checkbox" checked={ctlAll(ACS.RR)} disabled={downstream.length === 0} onChange={(event) => void setAcsRedirect(event.target.checked)} />
                {t('topo.p2p.acsRedirect')}
              </label>
              <label>
                <input type="checkbox" checked={ctlAll(ACS.DT)} disabled={downstream.length === 0} onChange={(event) => void setDirectTranslated(event.target.checked)} />
                {t('topo.p2p.dt')}
              </label>
              <label>
                <input type="checkbox" checked={p2p.settings.atsTranslated} onChange={(event) => void setP2pSettings({ atsTranslated: event.target.checked })} />
                {t('topo.p2p.ats')}
              </label>
              <label>
                <input type="checkbox" checked={p2p.settings.peerMapped} onChange={(event) => void setP2pSettings({ peerMapped: event.target.checked })} />
                {t('topo.p2p.peerMapped')}
              </label>
              <label>
                <input type="checkbox" checked={p2p.settings.rootComplexP2p} onChange={(event) => void setP2pSettings({ rootComplexP2p: event.target.checked })} />
                {t('topo.p2p.rcP2p')}
              </label>
            </fieldset>
          </form>
          {answer !== undefined && result !== undefined && (
            <div className="p2p-result">
              <section className="p2p-route" aria-labelledby="p2p-route-heading">
                <h3 id="p2p-route-heading">{t('topo.p2p.routeHeading')}</h3>
                <p className={`outcome ${result.ok ? 'ok' : 'fault'}`} aria-live="polite">{result.text}</p>
                <ol className="hops" aria-label={t('topo.p2p.hops')}>
                  <li>
                    <RichText text={t('topo.p2p.sends')} values={{ address: <code>{shortAddress(answer.from)}</code>, sends: <strong>{t('topo.p2p.sendsWord')}</strong> }} />
                  </li>
                  {answer.hops.map((hop, i) => (
                    <li key={i} className={`hop ${hop.action}`}>
                      <code>{hop.at === 'IOMMU' || hop.at === 'root complex' ? hop.at : shortAddress(hop.at)}</code> <strong>{hop.action}</strong>: {hop.note}
                    </li>
                  ))}
                  {answer.outcome.kind === 'delivered' && (
                    <li>
                      <RichText text={t('topo.p2p.receives')} values={{ address: <code>{shortAddress(answer.to)}</code>, receives: <strong>{t('topo.p2p.receivesWord')}</strong> }} />
                    </li>
                  )}
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
