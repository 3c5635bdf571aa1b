import { useMemo } from 'react';
import { checkAnswer, type Verdict } from '../../src/exercises/answer.ts';
import { generateExercise, generateSheet, type Exercise, type ExerciseLevel } from '../../src/exercises/exercise.ts';
import { newSeed } from '../../src/exercises/prng.ts';
import { syncUrl } from './lesson-actions.ts';
import { useLessonStore } from './lesson-store.ts';

const set = useLessonStore.setState;
const get = useLessonStore.getState;

const fresh = { answer: '', entries: '', checked: undefined, revealed: false } as const;

/** A new seed (and so a new exercise) at the current level; the link changes with it. */
export function newExercise(): void {
  set({ exercise: { ...get().exercise, ...fresh, seed: newSeed(Math.random) } });
  syncUrl('push');
}

/** The first showing: a link's seed is kept, else one is made. */
export function ensureExercise(): void {
  if (get().exercise.seed === undefined) {
    set({ exercise: { ...get().exercise, seed: newSeed(Math.random) } });
    syncUrl();
  }
}

export function chooseLevel(level: ExerciseLevel): void {
  set({ exercise: { ...get().exercise, ...fresh, level } });
  syncUrl();
}

export const editAnswer = (answer: string): void => set({ exercise: { ...get().exercise, answer } });
export const editEntries = (entries: string): void => set({ exercise: { ...get().exercise, entries } });

export function checkExercise(): void {
  const { answer, entries } = get().exercise;
  set({ exercise: { ...get().exercise, checked: { answer, entries } } });
}

export const revealAnswer = (): void => set({ exercise: { ...get().exercise, revealed: true } });

export const editSheetCount = (count: string): void => set({ sheet: { ...get().sheet, count } });
export const showSheet = (showing: 'sheet' | 'key' | undefined): void => set({ sheet: { ...get().sheet, showing } });

/** The exercise of the current seed and level, made by the engine (deterministic, so memoised). */
export function useExercise(): { ok: true; exercise: Exercise } | { ok: false; error: string } | undefined {
  const seed = useLessonStore((s) => s.exercise.seed);
  const level = useLessonStore((s) => s.exercise.level);
  return useMemo(() => (seed === undefined ? undefined : generateExercise({ seed, level })), [seed, level]);
}

/** The engine's verdict on the last checked answer. */
export function useVerdict(exercise: Exercise | undefined): Verdict | undefined {
  const checked = useLessonStore((s) => s.exercise.checked);
  return useMemo(() => (exercise === undefined || checked === undefined ? undefined : checkAnswer(exercise, checked.answer, checked.entries)), [exercise, checked]);
}

/** The printed sheet's exercises, or why the count is not usable. */
export function useSheet(): { ok: true; exercises: readonly Exercise[] } | { ok: false; error: string } | undefined {
  const seed = useLessonStore((s) => s.exercise.seed);
  const level = useLessonStore((s) => s.exercise.level);
  const count = useLessonStore((s) => s.sheet.count);
  const showing = useLessonStore((s) => s.sheet.showing);
  return useMemo(() => {
    if (showing === undefined || seed === undefined) return undefined;
    const n = /^\d{1,3}$/.test(count.trim()) ? Number(count.trim()) : Number.NaN;
    return generateSheet({ seed, level, count: n });
  }, [seed, level, count, showing]);
}
