import { toHex } from '../../src/hex.ts';
import { useT } from '../i18n/i18n.ts';
import { useDmarStore, type DmarState } from './dmar-store.ts';

const selectUnits = (s: DmarState) => s.shown?.load.analysis.units;

const sizeText = (bytes: number): string => (bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : `${bytes / 1024} KiB`);

/** Each DRHD as a remapping unit of the simulated machine: where its registers are, what it covers. */
export function UnitsPanel() {
  const t = useT();
  const units = useDmarStore(selectUnits) ?? [];
  return (
    <section aria-labelledby="dmar-units-heading" className="dmar-units-panel">
      <h3 id="dmar-units-heading">{t('dmar.units.heading')}</h3>
      <p className="hint">{t('dmar.units.hint')}</p>
      {units.length === 0 ? (
        <p>{t('dmar.units.none')}</p>
      ) : (
        <table className="dmar-table">
          <thead>
            <tr>
              <th scope="col">{t('dmar.units.col.unit')}</th>
              <th scope="col">{t('dmar.units.col.registers')}</th>
              <th scope="col">{t('dmar.units.col.covers')}</th>
              <th scope="col">{t('dmar.units.col.cap')}</th>
              <th scope="col">{t('dmar.units.col.ecap')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.drhdOffset}>
                <th scope="row">{u.label}</th>
                <td className="mono">
                  {toHex(u.registerBaseAddress)} ({sizeText(u.registerSetBytes)})
                  {u.proximityDomain !== undefined && <span className="unit-numa">{t('dmar.units.numa', { n: u.proximityDomain })}</span>}
                </td>
                <td>{u.includePciAll ? t('dmar.units.all', { segment: u.segment }) : u.deviceScopes.length === 1 ? t('dmar.units.oneScope', { segment: u.segment }) : t('dmar.units.scopes', { segment: u.segment, n: u.deviceScopes.length })}</td>
                <td className="mono">{u.capSummary}</td>
                <td className="mono">{u.ecapSummary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
