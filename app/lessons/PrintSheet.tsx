import { answerKey } from '../../src/exercises/answer-key.ts';
import { useT } from '../i18n/i18n.ts';
import { editSheetCount, showSheet, useSheet } from './exercise-actions.ts';
import { ExerciseBody } from './ExerciseBody.tsx';
import { useLessonStore } from './lesson-store.ts';

/** The instructor's controls: how many exercises, then the sheet or its key to preview and print. */
export function PrintControls() {
  const t = useT();
  const count = useLessonStore((s) => s.sheet.count);
  return (
    <div className="print-controls">
      <h3>{t('sheet.heading')}</h3>
      <label>
        {t('sheet.count')}{' '}
        <input type="number" min={1} max={50} value={count} onChange={(e) => editSheetCount(e.target.value)} />
      </label>
      <button type="button" onClick={() => showSheet('sheet')}>
        {t('sheet.showSheet')}
      </button>
      <button type="button" onClick={() => showSheet('key')}>
        {t('sheet.showKey')}
      </button>
    </div>
  );
}

/**
 * The sheet or the answer key, on screen as a preview and alone on paper: the print CSS hides the
 * rest of the page. Both come from the same seed and level, so key i answers sheet exercise i.
 */
export function PrintArea() {
  const t = useT();
  const showing = useLessonStore((s) => s.sheet.showing);
  const seed = useLessonStore((s) => s.exercise.seed);
  const level = useLessonStore((s) => s.exercise.level);
  const count = useLessonStore((s) => s.sheet.count);
  const sheet = useSheet();
  if (showing === undefined || sheet === undefined) return null;
  const title = t(showing === 'sheet' ? 'sheet.sheetTitle' : 'sheet.keyTitle', { level, seed: seed ?? '' });
  return (
    <section className="print-area" aria-labelledby="print-heading">
      <div className="print-buttons">
        <button type="button" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
        <button type="button" className="quiet" onClick={() => showSheet(undefined)}>
          {t('sheet.close')}
        </button>
      </div>
      <h2 id="print-heading">{title}</h2>
      {!sheet.ok ? (
        <p role="alert">{t('sheet.badCount', { text: count })}</p>
      ) : showing === 'sheet' ? (
        sheet.exercises.map((exercise, i) => (
          <article key={exercise.seed} className="sheet-exercise" aria-label={t('sheet.exercise', { n: i + 1 })}>
            <h3>{t('sheet.exercise', { n: i + 1 })}</h3>
            <ExerciseBody exercise={exercise} />
            <p className="answer-line">{t('sheet.answerLine')}</p>
          </article>
        ))
      ) : (
        <table className="answer-key">
          <thead>
            <tr>
              <th scope="col">{t('sheet.col.number')}</th>
              <th scope="col">{t('sheet.col.request')}</th>
              <th scope="col">{t('sheet.col.answer')}</th>
              {sheet.exercises.some((e) => e.asksForEntries) && <th scope="col">{t('sheet.col.entries')}</th>}
            </tr>
          </thead>
          <tbody>
            {answerKey(sheet.exercises).map((row) => (
              <tr key={row.seed}>
                <td>{row.number}</td>
                <td>
                  <code>{row.request}</code>
                </td>
                <td>
                  <code>{row.answer}</code>
                </td>
                {row.entries !== undefined && (
                  <td>
                    <code>{row.entries}</code>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
