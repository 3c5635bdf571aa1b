import { create } from 'zustand';
import type { ExerciseLevel } from '../../src/exercises/exercise.ts';
import { readPlace } from './lesson-url.ts';

export interface LessonState {
  readonly lesson: string;
  /** 0-based step of the open lesson. */
  readonly step: number;
  /** Setting up the engine for the step, or why that failed. */
  readonly status: { readonly kind: 'idle' | 'applying' } | { readonly kind: 'failed'; readonly message: string };
  readonly exercise: {
    readonly level: ExerciseLevel;
    /** undefined until the view makes one. */
    readonly seed: string | undefined;
    readonly answer: string;
    readonly entries: string;
    /** The answer and entries last checked (the verdict is derived from them). */
    readonly checked: { readonly answer: string; readonly entries: string } | undefined;
    readonly revealed: boolean;
  };
  readonly sheet: { readonly count: string; readonly showing: 'sheet' | 'key' | undefined };
}

function initial(): Pick<LessonState, 'lesson' | 'step' | 'exercise'> {
  const place = readPlace(window.location.search);
  return { lesson: place.lesson, step: place.step, exercise: { level: place.level, seed: place.seed, answer: '', entries: '', checked: undefined, revealed: false } };
}

export const useLessonStore = create<LessonState>()(() => ({
  ...initial(),
  status: { kind: 'idle' },
  sheet: { count: '10', showing: undefined },
}));
