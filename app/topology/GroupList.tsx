import { functionName, groupColour, shortAddress } from './names.ts';
import { selectFunction } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/** Every IOMMU group in words: its members and why each is there; the kernel's own number beside it. */
export function GroupList() {
  const report = useTopologyStore((s) => s.report);
  const selected = useTopologyStore((s) => s.selected);
  const byAddress = new Map(report?.functions.map((f) => [f.address, f]) ?? []);
  const hasReported = report?.groups.some((g) => g.reported !== undefined) ?? false;
  return (
    <section className="group-list" aria-labelledby="group-list-heading">
      <h2 id="group-list-heading">IOMMU groups {report !== undefined && <span className="count">({report.groups.length})</span>}</h2>
      {report !== undefined && <p className="hint">{report.assumptions}{hasReported ? ' "Kernel" is the IOMMU group lspci printed; a mismatch is flagged.' : ''}</p>}
      <ol className="groups" aria-label="IOMMU groups">
        {report?.groups.map((g) => (
          <li key={g.id} className={g.devices.includes(selected ?? '') ? 'current' : undefined} style={{ borderLeftColor: groupColour(g.id) }}>
            <div className="group-head">
              <strong>Group {g.id}</strong>
              <span className="members-count">{g.devices.length === 1 ? '1 function' : `${g.devices.length} functions`}</span>
              {g.reported !== undefined && (
                <span className={g.disagrees ? 'kernel disagrees' : 'kernel'}>
                  kernel: {g.reported.length === 0 ? 'no group' : `group ${g.reported.join(', ')}`}
                  {g.disagrees && ' ⚠ disagrees'}
                </span>
              )}
              {g.uncertain && <span className="uncertain">⚠ uncertain: the dump lacks ACS facts</span>}
            </div>
            <ul className="members">
              {g.devices.map((address, i) => {
                const f = byAddress.get(address);
                return (
                  <li key={address}>
                    <button type="button" className="link-button" onClick={() => selectFunction(address)} aria-label={`Show ${address}`}>
                      <code>{shortAddress(address)}</code> {f === undefined ? '' : functionName(f)}
                    </button>
                    <span className="why">{g.why[i]}</span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
