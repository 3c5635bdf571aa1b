import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/i18n.ts';
import { lessonById, stepParams } from './lesson-data.ts';
import { nextStep, previousStep } from './lesson-actions.ts';
import { useLessonStore } from './lesson-store.ts';
import { lessonTitleKey } from './lesson-title.ts';
import { RichText } from './RichText.tsx';

/** The open lesson: its step's text, large in presenter mode, and the two stepping buttons. */
export function LessonPanel() {
  const t = useT();
  const lessonId = useLessonStore((s) => s.lesson);
  const index = useLessonStore((s) => s.step);
  const status = useLessonStore((s) => s.status);
  const lesson = lessonById(lessonId);
  const step = lesson?.steps[index];
  if (lesson === undefined || step === undefined) return null;
  const params = stepParams(step);
  const key = (part: 'title' | 'body'): MessageKey => `lesson.${lesson.id}.${index + 1}.${part}` as MessageKey;
  return (
    <section className="lesson" aria-label={t('lesson.region')}>
      <h2 className="lesson-title">
        <RichText text={t(lessonTitleKey(lesson.id))} />
      </h2>
      <div className="step-buttons">
        <button type="button" onClick={previousStep} disabled={index === 0} aria-keyshortcuts="ArrowLeft">
          {t('lesson.prev')}
        </button>
        <button type="button" onClick={nextStep} disabled={index === lesson.steps.length - 1} aria-keyshortcuts="ArrowRight">
          {t('lesson.next')}
        </button>
        <span className="lesson-progress" aria-live="polite">
          {t('lesson.stepOf', { n: index + 1, total: lesson.steps.length })}
        </span>
        <span className="step-status" aria-live="polite">
          {status.kind === 'applying' ? t('lesson.applying') : ''}
        </span>
      </div>
      <h3 className="step-title">
        <RichText text={t(key('title'), params)} />
      </h3>
      <p className="step-body">
        <RichText text={t(key('body'), params)} />
      </p>
      <p className="step-shows">{t(`lesson.shows.${step.drive.view}`, params)}</p>
      {status.kind === 'failed' && (
        <p role="alert" className="step-error">
          {t('lesson.failed', { message: status.message })}
        </p>
      )}
    </section>
  );
}
