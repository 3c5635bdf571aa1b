import { useT } from './i18n/i18n.ts';
import { lessonTitleKey } from './lessons/lesson-title.ts';
import { LESSONS } from './lessons/lesson-data.ts';
import { RichText } from './lessons/RichText.tsx';
import { openView } from './store/view.ts';

/**
 * The lessons, reachable from every view: one link per lesson. The lessons view has the same
 * navigation in its side bar, so this one is shown only while another view is open.
 */
export function LessonLinks() {
  const t = useT();
  return (
    <nav aria-label={t('lessons.nav')} className="lesson-links">
      <span className="lesson-links-label" aria-hidden="true">
        {t('lessons.nav')}:
      </span>
      <ol>
        {LESSONS.map((lesson) => (
          <li key={lesson.id}>
            <a
              href={`?view=lessons&lesson=${lesson.id}&step=1`}
              onClick={(event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                void import('./lessons/lesson-actions.ts').then((actions) => {
                  openView('lessons');
                  actions.openLesson(lesson.id);
                });
              }}
            >
              <RichText text={t(lessonTitleKey(lesson.id))} />
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
