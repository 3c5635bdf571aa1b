import { toHex, type Hpa, type Iova } from '../hex.ts';
import { formatSourceId, type SourceId } from '../pci/source-id.ts';
import type { FaultReason } from '../vtd/fault-reason.ts';
import type { Machine } from '../vtd/machine.ts';
import type { Access, Translation } from '../vtd/translate.ts';
import { generateLevel } from './levels.ts';
import { createPrng, parseSeed } from './prng.ts';

/** The four levels, as OSTEP's paging homework grades CPU page tables, but for VT-d. */
export const EXERCISE_LEVELS = [1, 2, 3, 4] as const;
export type ExerciseLevel = (typeof EXERCISE_LEVELS)[number];

/** What the learner must find: the host-physical address, or the fault reason (VT-d Appendix A). */
export type ExerciseAnswer = { readonly kind: 'hpa'; readonly hpa: Hpa } | { readonly kind: 'fault'; readonly reason: FaultReason };

/** Which set-up the question describes; the UI words it from the catalogue. */
export type ExerciseSetting = 'dma-domain' | 'translation-disabled' | 'pass-through' | 'vfio';

/** One 16-byte line of memory as a debugger's x/2gx prints it. */
export interface MemoryLine {
  readonly address: Hpa;
  readonly qwords: readonly [bigint, bigint];
}

export interface Exercise {
  readonly seed: string;
  readonly level: ExerciseLevel;
  readonly setting: ExerciseSetting;
  /** The unit's name and register base, as dmesg names it. */
  readonly unit: { readonly name: string; readonly registerBase: Hpa };
  readonly machine: Machine;
  readonly request: { readonly sourceId: SourceId; readonly iova: Iova; readonly access: Access };
  /** The engine's walk of the request: the source of the answer. */
  readonly translation: Translation;
  readonly answer: ExerciseAnswer;
  /** Addresses of the entries the walk read, in order (root entry, context entry, SLPTEs). */
  readonly entriesRead: readonly Hpa[];
  /** Whether the learner must also list the entries read (levels 2 and 3). */
  readonly asksForEntries: boolean;
}

export type ExerciseResult = { readonly ok: true; readonly exercise: Exercise } | { readonly ok: false; readonly error: string };

/**
 * The exercise for a seed and level: the same pair gives the same machine, request and answer
 * everywhere. A bad seed or level returns `ok: false` naming it; nothing throws.
 */
export function generateExercise(options: { seed: string; level: number }): ExerciseResult {
  const seed = parseSeed(options.seed);
  if (!seed.ok) return { ok: false, error: seed.error };
  if (!(EXERCISE_LEVELS as readonly number[]).includes(options.level)) return { ok: false, error: `level ${options.level} is not one of ${EXERCISE_LEVELS.join(', ')}` };
  const level = options.level as ExerciseLevel;
  const built = generateLevel(level, createPrng(`vtd-exercise/${level}/${seed.value}`));
  const { translation } = built;
  const answer: ExerciseAnswer =
    translation.kind === 'ok' ? { kind: 'hpa', hpa: translation.hpa }
    : translation.kind === 'fault' ? { kind: 'fault', reason: translation.fault.reason }
    : { kind: 'hpa', hpa: built.request.iova as bigint as Hpa };
  return {
    ok: true,
    exercise: {
      seed: seed.value,
      level,
      setting: built.setting,
      unit: built.unit,
      machine: built.machine,
      request: built.request,
      translation,
      answer,
      entriesRead: translation.steps.map((s) => s.entryAddress),
      asksForEntries: level === 2 || level === 3,
    },
  };
}

/** The answer as the learner would type it: "0x…" or "Fault 6h". */
export function answerText(answer: ExerciseAnswer): string {
  return answer.kind === 'hpa' ? toHex(answer.hpa) : `Fault ${answer.reason.toString(16).toUpperCase()}h`;
}

/** Exercise i (1-based) of a printed sheet: its own seed, derived from the sheet's. */
export const sheetSeed = (seed: string, index: number): string => `${seed}-${index}`.slice(0, 32);

/** A sheet of `count` exercises (1–50) at one level, all from one seed. */
export function generateSheet(options: { seed: string; level: number; count: number }): { ok: true; exercises: readonly Exercise[] } | { ok: false; error: string } {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 50) return { ok: false, error: `${options.count} exercises: a sheet holds 1 to 50` };
  const exercises: Exercise[] = [];
  for (let i = 1; i <= options.count; i++) {
    const result = generateExercise({ seed: sheetSeed(options.seed, i), level: options.level });
    if (!result.ok) return result;
    exercises.push(result.exercise);
  }
  return { ok: true, exercises };
}

/** The request as the fault log names it: "02:00.0". */
export const requestBdf = (exercise: Exercise): string => formatSourceId(exercise.request.sourceId);
