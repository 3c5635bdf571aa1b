import { useState } from 'react';
import { editPasteText, loadDmarFile, loadPastedText, loadSampleTable, useDmarStore } from './dmar-actions.ts';
import type { DmarState } from './dmar-store.ts';
import { DEFAULT_SAMPLE, SAMPLE_TABLES, sampleNamed } from './samples.ts';

const selectPasteText = (s: DmarState) => s.pasteText;
const selectLoading = (s: DmarState) => s.loading;

/** The three ways in: a file (or a drop on the view), a sample, pasted text. */
export function LoadControls() {
  const pasteText = useDmarStore(selectPasteText);
  const loading = useDmarStore(selectLoading);
  const [sample, setSample] = useState(DEFAULT_SAMPLE);
  const chosen = sampleNamed(sample);
  return (
    <section aria-labelledby="dmar-load-heading" className="dmar-load">
      <h3 id="dmar-load-heading">Load a table</h3>
      <div className="dmar-load-grid">
        <div className="dmar-load-file">
          <label htmlFor="dmar-file-input">Load DMAR table</label>
          <input
            id="dmar-file-input"
            type="file"
            aria-describedby="dmar-file-hint"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file !== undefined) void loadDmarFile(file);
            }}
          />
          <p id="dmar-file-hint" className="hint">
            The raw table (<code>/sys/firmware/acpi/tables/DMAR</code>, .bin, .dat), <code>acpidump</code> output or an <code>iasl -d</code> listing (.dsl, .txt);
            or drop a file anywhere on this view. It is read in your browser and kept there, never sent anywhere.
          </p>
        </div>
        <div className="dmar-load-sample">
          <label htmlFor="dmar-sample-select">Sample table</label>
          <div className="dmar-inline">
            <select id="dmar-sample-select" value={sample} onChange={(event) => setSample(event.currentTarget.value)} aria-describedby="dmar-sample-hint">
              {SAMPLE_TABLES.map((s) => (
                <option key={s.file} value={s.file}>
                  {s.machine}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void loadSampleTable(sample)} disabled={loading}>
              Load sample
            </button>
          </div>
          {chosen !== undefined && (
            <p id="dmar-sample-hint" className="hint">
              Shows {chosen.shows}. Source: {chosen.source}.
            </p>
          )}
        </div>
        <form
          className="dmar-load-paste"
          onSubmit={(event) => {
            event.preventDefault();
            void loadPastedText();
          }}
        >
          <label htmlFor="dmar-paste-text">Paste acpidump or iasl text</label>
          <textarea
            id="dmar-paste-text"
            rows={3}
            spellCheck={false}
            value={pasteText}
            placeholder={'DMAR @ 0x0000000000000000\n    0000: 44 4D 41 52 78 00 00 00 01 15 42 4F 43 48 53 20  DMARx.....BOCHS'}
            onChange={(event) => editPasteText(event.currentTarget.value)}
          />
          <button type="submit" disabled={pasteText.trim() === '' || loading}>
            Load pasted text
          </button>
        </form>
      </div>
      <details className="dmar-credits">
        <summary>Where the sample tables come from</summary>
        <p>Real ACPI DMAR tables, copied byte for byte from the project&apos;s fixture corpus; none was written by hand.</p>
        <ul>
          {SAMPLE_TABLES.map((s) => (
            <li key={s.file}>
              <strong>{s.machine}</strong> (<code>{s.file}</code>): {s.shows}. {s.source}.
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
