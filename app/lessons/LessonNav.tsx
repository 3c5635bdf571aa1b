import { useT } from '../i18n/i18n.ts';
import { LESSONS } from './lesson-data.ts';
import { lessonTitleKey } from './lesson-title.ts';
import { openLesson } from './lesson-actions.ts';
import { useLessonStore } from './lesson-store.ts';
import { RichText } from './RichText.tsx';

/** One link per lesson; a real link (open in a new tab works), opened in place on a plain click. */
export function LessonNav() {
  const t = useT();
  const open = useLessonStore((s) => s.lesson);
  return (
    <nav aria-label={t('lessons.nav')} className="lesson-nav">
      <ol>
        {LESSONS.map((lesson) => (
          <li key={lesson.id}>
            <a
              href={`?view=lessons&lesson=${lesson.id}&step=1`}
              aria-current={lesson.id === open ? 'page' : undefined}
              onClick={(event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                openLesson(lesson.id);
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
