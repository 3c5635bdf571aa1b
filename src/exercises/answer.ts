import { parseHex, toHex, type Hpa } from '../hex.ts';
import { FAULT_REASONS, type FaultReason } from '../vtd/fault-reason.ts';
import type { Exercise, ExerciseAnswer } from './exercise.ts';

/** Why an answer could not be read; the UI words each code from its catalogue. */
export type AnswerProblem =
  | { readonly code: 'empty' }
  | { readonly code: 'not-an-answer'; readonly text: string }
  | { readonly code: 'too-large'; readonly text: string }
  | { readonly code: 'unknown-fault'; readonly text: string }
  | { readonly code: 'entry-not-hex'; readonly index: number; readonly text: string };

export type ParsedAnswer = { readonly ok: true; readonly answer: ExerciseAnswer } | { readonly ok: false; readonly problem: AnswerProblem };

const FAULT = /^(?:fault|故障)\s*(?:reason\s*)?(0x[0-9a-f]+|[0-9a-f]+h?)\b/i;
const SPEC_REASON = /^([0-9a-f]{1,2})h$/i;

/**
 * Reads "0x7bf01234" as a host-physical address and "Fault 6h", "fault 0x06", "故障 6h" or "6h"
 * as a fault reason. Anything else is a problem naming the text; nothing throws.
 */
export function parseAnswer(text: string): ParsedAnswer {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: { code: 'empty' } };
  const fault = FAULT.exec(trimmed) ?? SPEC_REASON.exec(trimmed);
  if (fault !== null) {
    const digits = (fault[1] ?? '').toLowerCase();
    const reason = Number.parseInt(digits.replace(/^0x/, '').replace(/h$/, ''), 16);
    if (!(reason in FAULT_REASONS)) return { ok: false, problem: { code: 'unknown-fault', text: trimmed } };
    return { ok: true, answer: { kind: 'fault', reason: reason as FaultReason } };
  }
  const value = parseHex(trimmed);
  if (!value.ok) return { ok: false, problem: value.tooLarge ? { code: 'too-large', text: trimmed } : { code: 'not-an-answer', text: trimmed } };
  return { ok: true, answer: { kind: 'hpa', hpa: value.value as Hpa } };
}

/** The entries read, as addresses separated by spaces, commas or arrows. */
export function parseEntries(text: string): { ok: true; entries: readonly bigint[] } | { ok: false; problem: AnswerProblem } {
  const parts = text.split(/[\s,;→>-]+/).filter((p) => p !== '');
  const entries: bigint[] = [];
  for (const [index, part] of parts.entries()) {
    const value = parseHex(part);
    if (!value.ok) return { ok: false, problem: { code: 'entry-not-hex', index, text: part } };
    entries.push(value.value);
  }
  return { ok: true, entries };
}

export type Verdict =
  | { readonly kind: 'problem'; readonly problem: AnswerProblem }
  | {
      readonly kind: 'checked';
      readonly correct: boolean;
      /** For the entries: undefined when not asked or not given; else the first wrong position (-1: all right). */
      readonly entries: { readonly correct: boolean; readonly firstWrong: number; readonly expectedCount: number } | undefined;
    };

const same = (a: ExerciseAnswer, b: ExerciseAnswer): boolean =>
  a.kind === 'hpa' ? b.kind === 'hpa' && a.hpa === b.hpa : b.kind === 'fault' && a.reason === b.reason;

/** Checks an answer (and, if given, the list of entries read) against the engine's walk. */
export function checkAnswer(exercise: Exercise, answerText: string, entriesText = ''): Verdict {
  const parsed = parseAnswer(answerText);
  if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
  let entries: { correct: boolean; firstWrong: number; expectedCount: number } | undefined;
  if (exercise.asksForEntries && entriesText.trim() !== '') {
    const given = parseEntries(entriesText);
    if (!given.ok) return { kind: 'problem', problem: given.problem };
    const expected = exercise.entriesRead;
    const length = Math.max(expected.length, given.entries.length);
    let firstWrong = -1;
    for (let i = 0; i < length; i++) {
      if (given.entries[i] !== expected[i]) {
        firstWrong = i;
        break;
      }
    }
    entries = { correct: firstWrong === -1, firstWrong, expectedCount: expected.length };
  }
  return { kind: 'checked', correct: same(parsed.answer, exercise.answer), entries };
}

/** The entries read, as the answer key prints them. */
export const entriesText = (exercise: Exercise): string => exercise.entriesRead.map((a) => toHex(a)).join(' ');
