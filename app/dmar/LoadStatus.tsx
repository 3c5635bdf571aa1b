import { hexOffset } from '../../src/acpi/dmar/diagnostics.ts';
import { useT, type MessageKey, type MessageParams } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { dismissRejection, inspectRejected, useDmarStore } from './dmar-actions.ts';
import type { DmarState, ShownTable } from './dmar-store.ts';
import { sampleNamed } from './samples.ts';

const selectShown = (s: DmarState) => s.shown;
const selectRejection = (s: DmarState) => s.rejection;
const selectEngineError = (s: DmarState) => s.engineError;
const selectStorageNote = (s: DmarState) => s.storageNote;
const selectLoading = (s: DmarState) => s.loading;

/** Which table is shown and where it came from, in the current language. */
function describeShown(shown: ShownTable, t: (key: MessageKey, params?: MessageParams) => string): string {
  const format = t(`dmar.format.${shown.load.format}`);
  if (shown.origin.kind === 'sample') {
    const sample = sampleNamed(shown.origin.file);
    const what = sample === undefined ? t('dmar.status.sample', { name: shown.name }) : t('dmar.status.sampleSource', { name: shown.name, source: sample.source });
    return shown.arrival === 'first-visit' ? t('dmar.status.firstVisit', { what }) : t('dmar.status.showing', { what });
  }
  const what = shown.origin.kind === 'paste' ? t('dmar.status.pasted', { format }) : t('dmar.status.file', { name: shown.name, format });
  return shown.arrival === 'restored' ? t('dmar.status.restored', { what }) : t('dmar.status.showing', { what });
}

/** Which table is shown, and every problem of the last load: in an alert, naming the byte offset. */
export function LoadStatus() {
  const t = useT();
  const shown = useDmarStore(selectShown);
  const rejection = useDmarStore(selectRejection);
  const engineError = useDmarStore(selectEngineError);
  const storageNote = useDmarStore(selectStorageNote);
  const loading = useDmarStore(selectLoading);
  const partial = shown !== undefined && !shown.load.clean;
  return (
    <div className="dmar-status">
      <p role="status" className="dmar-source">
        {loading ? t('dmar.status.reading') : shown === undefined ? t('dmar.status.none') : describeShown(shown, t)}
        {partial && t('dmar.status.partial')}
      </p>
      {storageNote !== undefined && <p className="dmar-note">{storageNote}</p>}
      {engineError !== undefined && (
        <p role="alert" className="dmar-alert">
          {t('dmar.status.engineError', { error: engineError })}
          {shown === undefined ? '' : t('dmar.status.kept')}
        </p>
      )}
      {rejection !== undefined && (
        <div role="alert" className="dmar-alert">
          <p className="dmar-alert-title">
            {t('dmar.status.notLoaded', { name: rejection.name, why: rejection.load.analysis === undefined ? t('dmar.status.noTable') : t('dmar.status.hasErrors') })}
            {shown === undefined ? '' : t('dmar.status.stays')}
          </p>
          <ul>
            {rejection.load.diagnostics.map((d, i) => (
              <li key={i}>
                <RichText text={t('dmar.status.diagnostic')} values={{ severity: <strong>{d.severity}</strong>, offset: <code>{hexOffset(d.offset)}</code>, message: d.message }} />
              </li>
            ))}
          </ul>
          <div className="dmar-inline">
            {rejection.load.analysis !== undefined && (
              <button type="button" onClick={inspectRejected}>
                {t('dmar.status.inspect')}
              </button>
            )}
            <button type="button" className="quiet" onClick={dismissRejection}>
              {t('dmar.status.dismiss')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
