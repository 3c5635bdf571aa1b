import { VIEWS } from '../views.tsx';
import { useT } from '../i18n/i18n.ts';
import { lessonById } from './lesson-data.ts';
import { useLessonStore } from './lesson-store.ts';

/** The view the open step drives, shown under the lesson: the same component the app's navigation opens. */
export function StepView() {
  const t = useT();
  const view = useLessonStore((s) => lessonById(s.lesson)?.steps[s.step]?.drive.view ?? 'translation');
  const Component = VIEWS.find((v) => v.id === view)?.component;
  if (Component === undefined) return <p className="step-missing">{t('lesson.missingView')}</p>;
  return (
    <div className="lesson-stage">
      <Component />
    </div>
  );
}
