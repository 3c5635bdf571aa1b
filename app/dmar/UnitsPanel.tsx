import { useState } from 'react';
import { parseHex, toHex } from '../../src/hex.ts';
import { readUnitRegisters, storeUnitRegisters } from './unit-registers.ts';
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
      <p className="hint">{t('dmar.units.edit.used')}</p>
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
                <td className="mono">
                  <RegisterInput unit={u.label} drhdOffset={u.drhdOffset} which="cap" defaults={u} />
                </td>
                <td className="mono">
                  <RegisterInput unit={u.label} drhdOffset={u.drhdOffset} which="ecap" defaults={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface RegisterDefaults {
  readonly registers: { readonly cap: bigint; readonly ecap: bigint };
  readonly capSummary: string;
  readonly ecapSummary: string;
}

/**
 * One unit's CAP or ECAP as the user sets it: checked as hex when the field is left (or Enter),
 * then kept for this table; the default's decoding stays beside it.
 */
function RegisterInput({ unit, drhdOffset, which, defaults }: { unit: string; drhdOffset: number; which: 'cap' | 'ecap'; defaults: RegisterDefaults }) {
  const t = useT();
  const bytes = useDmarStore((s) => s.shown?.load.bytes);
  const stored = bytes === undefined ? undefined : readUnitRegisters(bytes).find((r) => r.drhdOffset === drhdOffset);
  const initial = stored?.[which] ?? toHex(defaults.registers[which], 16);
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  const label = t(which === 'cap' ? 'dmar.units.edit.cap' : 'dmar.units.edit.ecap', { unit });
  const commit = () => {
    if (bytes === undefined) return;
    const parsed = parseHex(text);
    if (!parsed.ok) {
      setError(t('dmar.units.edit.bad', { field: label, message: parsed.error }));
      return;
    }
    const other = which === 'cap' ? 'ecap' : 'cap';
    const current = readUnitRegisters(bytes).find((r) => r.drhdOffset === drhdOffset);
    const otherText = current?.[other] ?? toHex(defaults.registers[other], 16);
    const problem = storeUnitRegisters(bytes, { drhdOffset, [which]: toHex(parsed.value, 16), [other]: otherText } as { drhdOffset: number; cap: string; ecap: string });
    setError(problem === undefined ? undefined : t('dmar.units.edit.notStored', { reason: problem }));
  };
  return (
    <div className="register-input">
      <input
        aria-label={label}
        value={text}
        spellCheck={false}
        aria-invalid={error !== undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span className="hint">{t('dmar.units.edit.default', { value: which === 'cap' ? defaults.capSummary : defaults.ecapSummary })}</span>
      {error !== undefined && <span role="alert" className="input-error">{error}</span>}
    </div>
  );
}
