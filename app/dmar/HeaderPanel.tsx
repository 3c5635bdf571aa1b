import { useT } from '../i18n/i18n.ts';
import type { DmarState } from './dmar-store.ts';
import { useDmarStore } from './dmar-store.ts';
import { FieldTable } from './FieldTable.tsx';

const selectHeader = (s: DmarState) => s.shown?.load.analysis.tree.header;
const selectChecksumValid = (s: DmarState) => s.shown?.load.table?.header.checksumValid;

/** The ACPI header and the DMAR fields: signature, OEM IDs, revision, checksum, HAW, flags. */
export function HeaderPanel() {
  const t = useT();
  const header = useDmarStore(selectHeader);
  const checksumValid = useDmarStore(selectChecksumValid);
  if (header === undefined) return null;
  return (
    <section aria-labelledby="dmar-header-heading" className="dmar-header-panel">
      <div className="dmar-panel-head">
        <h3 id="dmar-header-heading">{t('dmar.header.heading')}</h3>
        <span className={`checksum ${checksumValid ? 'ok' : 'bad'}`}>{checksumValid ? t('dmar.header.valid') : t('dmar.header.invalid')}</span>
      </div>
      <p className="hint">{header.summary}</p>
      <FieldTable fields={header.fields} caption={t('dmar.header.caption')} />
    </section>
  );
}
