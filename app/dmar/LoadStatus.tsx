import { hexOffset } from '../../src/acpi/dmar/diagnostics.ts';
import { dismissRejection, inspectRejected, useDmarStore } from './dmar-actions.ts';
import type { DmarState, ShownTable } from './dmar-store.ts';
import { sampleNamed } from './samples.ts';

const selectShown = (s: DmarState) => s.shown;
const selectRejection = (s: DmarState) => s.rejection;
const selectEngineError = (s: DmarState) => s.engineError;
const selectStorageNote = (s: DmarState) => s.storageNote;
const selectLoading = (s: DmarState) => s.loading;

const FORMAT_WORDS = { binary: 'the binary table', acpidump: 'acpidump text', iasl: 'an iasl -d listing' } as const;

function describeShown(shown: ShownTable): string {
  const format = FORMAT_WORDS[shown.load.format];
  if (shown.origin.kind === 'sample') {
    const sample = sampleNamed(shown.origin.file);
    const what = `a sample table: ${shown.name}${sample === undefined ? '' : ` (${sample.source})`}`;
    return shown.arrival === 'first-visit' ? `Showing ${what}. Load your own with "Load DMAR table", a drop or the paste box.` : `Showing ${what}.`;
  }
  const from = shown.origin.kind === 'paste' ? `pasted ${format}` : `${shown.name} (${format})`;
  return shown.arrival === 'restored' ? `Showing ${from}, restored from this browser's storage.` : `Showing ${from}.`;
}

/** Which table is shown, and every problem of the last load: in an alert, naming the byte offset. */
export function LoadStatus() {
  const shown = useDmarStore(selectShown);
  const rejection = useDmarStore(selectRejection);
  const engineError = useDmarStore(selectEngineError);
  const storageNote = useDmarStore(selectStorageNote);
  const loading = useDmarStore(selectLoading);
  const partial = shown !== undefined && !shown.load.clean;
  return (
    <div className="dmar-status">
      <p role="status" className="dmar-source">
        {loading ? 'Reading the table…' : shown === undefined ? 'No table loaded yet.' : describeShown(shown)}
        {partial && ' It has errors: the decode stops where the table breaks (see the lint report).'}
      </p>
      {storageNote !== undefined && <p className="dmar-note">{storageNote}</p>}
      {engineError !== undefined && (
        <p role="alert" className="dmar-alert">
          {engineError}. {shown === undefined ? '' : 'The table shown before is kept.'}
        </p>
      )}
      {rejection !== undefined && (
        <div role="alert" className="dmar-alert">
          <p className="dmar-alert-title">
            {rejection.name} was not loaded: {rejection.load.analysis === undefined ? 'it holds no DMAR table that can be decoded' : 'the table has errors'}.
            {shown === undefined ? '' : ' The table shown before stays loaded.'}
          </p>
          <ul>
            {rejection.load.diagnostics.map((d, i) => (
              <li key={i}>
                <strong>{d.severity}</strong> at offset <code>{hexOffset(d.offset)}</code>: {d.message}
              </li>
            ))}
          </ul>
          <div className="dmar-inline">
            {rejection.load.analysis !== undefined && (
              <button type="button" onClick={inspectRejected}>
                Inspect the partial decode
              </button>
            )}
            <button type="button" className="quiet" onClick={dismissRejection}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
