import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { editPasteText, loadDmarFile, loadPastedText, loadSampleTable, useDmarStore } from './dmar-actions.ts';
import type { DmarState } from './dmar-store.ts';
import { DEFAULT_SAMPLE, SAMPLE_TABLES, sampleNamed } from './samples.ts';

const selectPasteText = (s: DmarState) => s.pasteText;
const selectLoading = (s: DmarState) => s.loading;

/** The three ways in: a file (or a drop on the view), a sample, pasted text. */
export function LoadControls() {
  const t = useT();
  const pasteText = useDmarStore(selectPasteText);
  const loading = useDmarStore(selectLoading);
  const [sample, setSample] = useState(DEFAULT_SAMPLE);
  const chosen = sampleNamed(sample);
  return (
    <section aria-labelledby="dmar-load-heading" className="dmar-load">
      <h3 id="dmar-load-heading">{t('dmar.load.heading')}</h3>
      <div className="dmar-load-grid">
        <div className="dmar-load-file">
          <label htmlFor="dmar-file-input">{t('dmar.load.file')}</label>
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
            <RichText text={t('dmar.load.fileHint')} />
          </p>
        </div>
        <div className="dmar-load-sample">
          <label htmlFor="dmar-sample-select">{t('dmar.load.sample')}</label>
          <div className="dmar-inline">
            <select id="dmar-sample-select" value={sample} onChange={(event) => setSample(event.currentTarget.value)} aria-describedby="dmar-sample-hint">
              {SAMPLE_TABLES.map((s) => (
                <option key={s.file} value={s.file}>
                  {s.machine}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void loadSampleTable(sample)} disabled={loading}>
              {t('dmar.load.loadSample')}
            </button>
          </div>
          {chosen !== undefined && (
            <p id="dmar-sample-hint" className="hint">
              {t('dmar.load.sampleHint', { shows: t(chosen.shows), source: chosen.source })}
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
          <label htmlFor="dmar-paste-text">{t('dmar.load.paste')}</label>
          <textarea
            id="dmar-paste-text"
            rows={3}
            spellCheck={false}
            value={pasteText}
            placeholder={'DMAR @ 0x0000000000000000\n    0000: 44 4D 41 52 78 00 00 00 01 15 42 4F 43 48 53 20  DMARx.....BOCHS'}
            onChange={(event) => editPasteText(event.currentTarget.value)}
          />
          <button type="submit" disabled={pasteText.trim() === '' || loading}>
            {t('dmar.load.loadPaste')}
          </button>
        </form>
      </div>
      <details className="dmar-credits">
        <summary>{t('dmar.load.credits')}</summary>
        <p>{t('dmar.load.creditsText')}</p>
        <ul>
          {SAMPLE_TABLES.map((s) => (
            <li key={s.file}>
              <RichText text={t('dmar.load.creditLine')} values={{ machine: <strong>{s.machine}</strong>, file: <code>{s.file}</code>, shows: t(s.shows), source: s.source }} />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
