import { useEffect, type FormEvent } from 'react';
import { answerText, EXERCISE_LEVELS, type Exercise, type ExerciseLevel } from '../../src/exercises/exercise.ts';
import type { AnswerProblem, Verdict } from '../../src/exercises/answer.ts';
import { entriesText } from '../../src/exercises/answer.ts';
import { useT } from '../i18n/i18n.ts';
import { checkExercise, chooseLevel, editAnswer, editEntries, ensureExercise, newExercise, revealAnswer, useExercise, useVerdict } from './exercise-actions.ts';
import { useLessonStore } from './lesson-store.ts';
import { ExerciseBody } from './ExerciseBody.tsx';
import { PrintControls } from './PrintSheet.tsx';

type T = ReturnType<typeof useT>;

export function problemText(t: T, problem: AnswerProblem): string {
  switch (problem.code) {
    case 'empty':
      return t('exercises.problem.empty');
    case 'entry-not-hex':
      return t('exercises.problem.entry-not-hex', { position: problem.index + 1, text: problem.text });
    default:
      return t(`exercises.problem.${problem.code}`, { text: problem.text });
  }
}

function verdictText(t: T, exercise: Exercise, verdict: Verdict, given: string): string {
  if (verdict.kind === 'problem') return problemText(t, verdict.problem);
  const main = verdict.correct ? t('exercises.correct', { answer: answerText(exercise.answer) }) : t('exercises.wrong', { given: given.trim() });
  if (!exercise.asksForEntries) return main;
  const entries = verdict.entries === undefined ? t('exercises.entriesMissing') : verdict.entries.correct ? t('exercises.entriesRight') : t('exercises.entriesWrong', { position: verdict.entries.firstWrong + 1, count: verdict.entries.expectedCount });
  return `${main} ${entries}`;
}

/** A seeded exercise: the machine as a debugger prints it, a question, the answer checked by the engine. */
export function ExercisePanel() {
  const t = useT();
  useEffect(ensureExercise, []);
  const made = useExercise();
  const level = useLessonStore((s) => s.exercise.level);
  const seed = useLessonStore((s) => s.exercise.seed);
  const answer = useLessonStore((s) => s.exercise.answer);
  const entries = useLessonStore((s) => s.exercise.entries);
  const checked = useLessonStore((s) => s.exercise.checked);
  const revealed = useLessonStore((s) => s.exercise.revealed);
  const exercise = made?.ok ? made.exercise : undefined;
  const verdict = useVerdict(exercise);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    checkExercise();
  };
  return (
    <section className="exercises" aria-labelledby="exercises-heading">
      <h2 id="exercises-heading">{t('exercises.heading')}</h2>
      <p className="muted">{t('exercises.intro')}</p>
      <div className="exercise-controls">
        <label>
          {t('exercises.level')}{' '}
          <select value={level} onChange={(e) => chooseLevel(Number(e.target.value) as ExerciseLevel)}>
            {EXERCISE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`exercises.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={newExercise}>
          {t('exercises.new')}
        </button>
        {seed !== undefined && made?.ok && (
          <a href={`?view=lessons&level=${level}&seed=${encodeURIComponent(seed)}`} className="seed-link">
            {t('exercises.link')} ({t('exercises.seed', { seed })})
          </a>
        )}
      </div>
      {made !== undefined && !made.ok && (
        <p role="alert">{t('exercises.badLink', { error: made.error })}</p>
      )}
      {exercise !== undefined && (
        <>
          <ExerciseBody exercise={exercise} />
          <form className="answer-form" onSubmit={submit}>
            <label>
              {t('exercises.answer')}
              <input value={answer} onChange={(e) => editAnswer(e.target.value)} aria-describedby="answer-hint" spellCheck={false} autoComplete="off" />
            </label>
            <p id="answer-hint" className="hint">{t('exercises.answerHint')}</p>
            {exercise.asksForEntries && (
              <>
                <label>
                  {t('exercises.entries')}
                  <input value={entries} onChange={(e) => editEntries(e.target.value)} aria-describedby="entries-hint" spellCheck={false} autoComplete="off" />
                </label>
                <p id="entries-hint" className="hint">{t('exercises.entriesHint')}</p>
              </>
            )}
            <div className="answer-buttons">
              <button type="submit">{t('exercises.check')}</button>
              <button type="button" className="quiet" onClick={revealAnswer} disabled={revealed}>
                {t('exercises.show')}
              </button>
            </div>
          </form>
          <p role="status" className={`verdict${verdict?.kind === 'checked' ? (verdict.correct ? ' ok' : ' wrong') : ''}`}>
            {verdict !== undefined && checked !== undefined ? verdictText(t, exercise, verdict, checked.answer) : ''}
          </p>
          {revealed && (
            <div className="revealed">
              <p>{t('exercises.revealed', { answer: answerText(exercise.answer) })}</p>
              {exercise.asksForEntries && <p>{t('exercises.revealedEntries', { entries: entriesText(exercise) })}</p>}
            </div>
          )}
        </>
      )}
      <PrintControls />
    </section>
  );
}
