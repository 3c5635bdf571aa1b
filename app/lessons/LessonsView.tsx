import { useEffect } from 'react';
import { useLanguage, useT } from '../i18n/i18n.ts';
import { startLessons } from './lesson-actions.ts';
import { ExercisePanel } from './ExercisePanel.tsx';
import { LessonNav } from './LessonNav.tsx';
import { LessonPanel } from './LessonPanel.tsx';
import { PrintArea } from './PrintSheet.tsx';
import { StepView } from './StepView.tsx';
import './lessons.css';

/** Guided lessons that drive the real views, and seeded exercises for classes. */
export function LessonsView() {
  const t = useT();
  const language = useLanguage();
  useEffect(startLessons, []);
  return (
    <div className="lessons-view" lang={language}>
      <aside className="lessons-side">
        <h2 className="lessons-heading">{t('lessons.heading')}</h2>
        <LessonNav />
        <p className="muted lessons-intro">{t('lessons.intro')}</p>
      </aside>
      <div className="lessons-main">
        <LessonPanel />
        <StepView />
        <ExercisePanel />
      </div>
      <PrintArea />
    </div>
  );
}
