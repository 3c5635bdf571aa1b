import { EXERCISE_LEVELS, type ExerciseLevel } from '../../src/exercises/exercise.ts';
import { parseSeed } from '../../src/exercises/prng.ts';
import { LESSONS } from './lesson-data.ts';

/** What the lessons view keeps in the URL (?view=lessons&lesson=…&step=…&level=…&seed=…). */
export interface LessonPlace {
  readonly lesson: string;
  /** 0-based here; 1-based in the URL. */
  readonly step: number;
  readonly level: ExerciseLevel;
  readonly seed: string | undefined;
}

/** Reads the place from a query; each bad part falls back to the default (first lesson, step 1, level 1, no seed). */
export function readPlace(search: string, fallback: Partial<LessonPlace> = {}): LessonPlace {
  const params = new URLSearchParams(search);
  const lessonParam = params.get('lesson');
  const lesson = LESSONS.find((l) => l.id === (lessonParam ?? fallback.lesson)) ?? LESSONS[0];
  const stepText = params.get('step');
  const step = stepText !== null ? Number(stepText) - 1 : fallback.step ?? 0;
  const levelParam = params.get('level');
  const level = levelParam !== null ? Number(levelParam) : fallback.level ?? 1;
  const seedText = params.get('seed');
  const seed = seedText !== null ? parseSeed(seedText) : undefined;
  const steps = lesson?.steps.length ?? 1;
  return {
    lesson: lesson?.id ?? '',
    step: Number.isInteger(step) ? Math.max(0, Math.min(steps - 1, step)) : 0,
    level: (EXERCISE_LEVELS as readonly number[]).includes(level) ? (level as ExerciseLevel) : 1,
    seed: seed === undefined ? fallback.seed : seed.ok ? seed.value : seedText ?? undefined,
  };
}

/** The current URL with the lessons' parameters set; the translation view's own (mode, sid, iova…) are kept. */
export function placeSearch(search: string, place: LessonPlace): string {
  const params = new URLSearchParams(search);
  params.set('view', 'lessons');
  params.set('lesson', place.lesson);
  params.set('step', String(place.step + 1));
  params.set('level', String(place.level));
  if (place.seed === undefined) params.delete('seed');
  else params.set('seed', place.seed);
  return `?${params.toString()}`;
}
