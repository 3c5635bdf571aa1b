import { functionName, groupColour, shortAddress } from './names.ts';
import { useT } from '../i18n/i18n.ts';
import { selectFunction } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/** Every IOMMU group in words: its members and why each is there; the kernel's own number beside it. */
export function GroupList() {
  const t = useT();
  const report = useTopologyStore((s) => s.report);
  const selected = useTopologyStore((s) => s.selected);
  const byAddress = new Map(report?.functions.map((f) => [f.address, f]) ?? []);
  const hasReported = report?.groups.some((g) => g.reported !== undefined) ?? false;
  return (
    <section className="group-list" aria-labelledby="group-list-heading">
      <h2 id="group-list-heading">{t('topo.groups.heading')} {report !== undefined && <span className="count">({report.groups.length})</span>}</h2>
      {report !== undefined && <p className="hint">{report.assumptions}{hasReported ? t('topo.groups.kernelNote') : ''}</p>}
      <ol className="groups" aria-label={t('topo.groups.heading')}>
        {report?.groups.map((g) => (
          <li key={g.id} className={g.devices.includes(selected ?? '') ? 'current' : undefined} style={{ borderLeftColor: groupColour(g.id) }}>
            <div className="group-head">
              <strong>{t('topo.groups.group', { id: g.id })}</strong>
              <span className="members-count">{g.devices.length === 1 ? t('topo.groups.oneFunction') : t('topo.groups.functions', { n: g.devices.length })}</span>
              {g.reported !== undefined && (
                <span className={g.disagrees ? 'kernel disagrees' : 'kernel'}>
                  {t('topo.groups.kernel', { group: g.reported.length === 0 ? t('topo.groups.kernelNone') : t('topo.groups.kernelGroup', { groups: g.reported.join(', ') }) })}
                  {g.disagrees && t('topo.groups.disagrees')}
                </span>
              )}
              {g.uncertain && <span className="uncertain">{t('topo.groups.uncertain')}</span>}
            </div>
            <ul className="members">
              {g.devices.map((address, i) => {
                const f = byAddress.get(address);
                return (
                  <li key={address}>
                    <button type="button" className="link-button" onClick={() => selectFunction(address)} aria-label={t('topo.groups.show', { address })}>
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
