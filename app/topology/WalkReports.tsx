import type { WalkReport } from '../../src/pci/topology/p2p-walk.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';

/** The engine's walks for the requests that met the IOMMU: every entry read, the outcome, dmesg. */
export function WalkReports({ walks }: { walks: readonly WalkReport[] }) {
  const t = useT();
  return (
    <section className="p2p-walks" aria-labelledby="p2p-walks-heading">
      <h3 id="p2p-walks-heading">{t('topo.walk.heading')}</h3>
      {walks.length === 0 && <p className="hint">{t('topo.walk.none')}</p>}
      {walks.map((walk, i) => (
        <article key={i} className="walk-report" aria-label={walk.purpose}>
          <h4>{walk.purpose}</h4>
          <p className="request-line">
            <code>{t(`topo.walk.request.${walk.access === 'write' ? 'write' : 'read'}`, { sourceId: walk.sourceId, iova: walk.iova })}</code>, {walk.context}
          </p>
          <ol className="walk-steps" aria-label={t('topo.walk.entries', { purpose: walk.purpose })}>
            {walk.steps.map((step, j) => (
              <li key={j} className={walk.outcome.kind === 'fault' && walk.outcome.stepIndex === j ? 'faulted' : undefined}>
                <RichText
                  text={t('topo.walk.step', { index: step.index })}
                  values={{ name: <strong>{step.name}</strong>, address: <code>{step.entryAddress}</code>, value: <code>{step.value}</code>, note: step.note }}
                />
                {walk.outcome.kind === 'fault' && walk.outcome.stepIndex === j && <span className="fault-text">{t('topo.walk.faultedHere')}</span>}
              </li>
            ))}
          </ol>
          {walk.outcome.kind === 'ok' ? (
            <p className="outcome ok">HPA {walk.outcome.hpa} ({walk.outcome.route})</p>
          ) : (
            <p className="outcome fault">{t('topo.walk.fault', { reason: walk.outcome.reason, name: walk.outcome.name, cause: walk.outcome.cause })}</p>
          )}
          {walk.dmesg !== undefined && (
            <>
              <p className="log-caption">dmesg</p>
              <pre className="dmesg">{walk.dmesg}</pre>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
