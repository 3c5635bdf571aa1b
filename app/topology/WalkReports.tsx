import type { WalkReport } from '../../src/pci/topology/p2p-walk.ts';

/** The engine's walks for the requests that met the IOMMU: every entry read, the outcome, dmesg. */
export function WalkReports({ walks }: { walks: readonly WalkReport[] }) {
  return (
    <section className="p2p-walks" aria-labelledby="p2p-walks-heading">
      <h3 id="p2p-walks-heading">The IOMMU's walk</h3>
      {walks.length === 0 && <p className="hint">No request reaches the IOMMU untranslated on this route, so nothing is walked.</p>}
      {walks.map((walk, i) => (
        <article key={i} className="walk-report" aria-label={walk.purpose}>
          <h4>{walk.purpose}</h4>
          <p className="request-line">
            <code>{walk.access === 'write' ? 'DMA write' : 'DMA read'} from {walk.sourceId} to {walk.iova}</code>, {walk.context}
          </p>
          <ol className="walk-steps" aria-label={`Entries read: ${walk.purpose}`}>
            {walk.steps.map((step, j) => (
              <li key={j} className={walk.outcome.kind === 'fault' && walk.outcome.stepIndex === j ? 'faulted' : undefined}>
                <strong>{step.name}</strong> [{step.index}] at <code>{step.entryAddress}</code> = <code>{step.value}</code>: {step.note}
                {walk.outcome.kind === 'fault' && walk.outcome.stepIndex === j && <span className="fault-text"> ✗ faulted here</span>}
              </li>
            ))}
          </ol>
          {walk.outcome.kind === 'ok' ? (
            <p className="outcome ok">HPA {walk.outcome.hpa} ({walk.outcome.route})</p>
          ) : (
            <p className="outcome fault">Fault {walk.outcome.reason}: {walk.outcome.name} — {walk.outcome.cause}</p>
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
