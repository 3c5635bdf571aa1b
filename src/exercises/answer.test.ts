import { describe, expect, it } from 'vitest';
import { parseSourceId } from '../pci/source-id.ts';
import { iova } from '../hex.ts';
import { translate } from '../vtd/translate.ts';
import { checkAnswer, parseAnswer } from './answer.ts';
import { answerKey } from './answer-key.ts';
import { generateExercise, generateSheet, sheetSeed, type Exercise } from './exercise.ts';

const exerciseFor = (seed: string, level: number): Exercise => {
  const result = generateExercise({ seed, level });
  if (!result.ok) throw new Error(result.error);
  return result.exercise;
};

describe('reading an answer', () => {
  it.each([
    // typed                     read as
    ['0x7bf01234', { ok: true, answer: { kind: 'hpa', hpa: 0x7bf0_1234n } }],
    ['  0X7BF01234 ', { ok: true, answer: { kind: 'hpa', hpa: 0x7bf0_1234n } }],
    ['Fault 6h', { ok: true, answer: { kind: 'fault', reason: 6 } }],
    ['fault 0x0c', { ok: true, answer: { kind: 'fault', reason: 12 } }],
    ['fault reason 0x05', { ok: true, answer: { kind: 'fault', reason: 5 } }],
    ['故障 2h', { ok: true, answer: { kind: 'fault', reason: 2 } }],
    ['Ch', { ok: true, answer: { kind: 'fault', reason: 12 } }],
    ['', { ok: false, problem: { code: 'empty' } }],
    ['7bf01234', { ok: false, problem: { code: 'not-an-answer', text: '7bf01234' } }],
    ['0x1ffffffffffffffff', { ok: false, problem: { code: 'too-large', text: '0x1ffffffffffffffff' } }],
    ['fault 0x30', { ok: false, problem: { code: 'unknown-fault', text: 'fault 0x30' } }],
  ])('%j', (text, expected) => expect(parseAnswer(text)).toEqual(expected));
});

describe('checking an answer', () => {
  const exercise = exerciseFor('check-1', 2);
  const right = exercise.answer.kind === 'hpa' ? `0x${exercise.answer.hpa.toString(16)}` : `fault ${exercise.answer.reason}h`;

  it('a right answer and right entries are right; one wrong entry is named by position', () => {
    const entries = exercise.entriesRead.map((a) => `0x${a.toString(16)}`);
    expect(checkAnswer(exercise, right, entries.join(', '))).toEqual({ kind: 'checked', correct: true, entries: { correct: true, firstWrong: -1, expectedCount: entries.length } });
    const wrong = [...entries];
    wrong[2] = '0x1000';
    expect(checkAnswer(exercise, right, wrong.join(' '))).toEqual({ kind: 'checked', correct: true, entries: { correct: false, firstWrong: 2, expectedCount: entries.length } });
    expect(checkAnswer(exercise, right, 'root')).toEqual({ kind: 'problem', problem: { code: 'entry-not-hex', index: 0, text: 'root' } });
  });

  it('a wrong address or a fault where there is none is wrong', () => {
    expect(checkAnswer(exercise, '0x1234')).toMatchObject({ kind: 'checked', correct: false });
    expect(checkAnswer(exercise, exercise.answer.kind === 'hpa' ? 'Fault 6h' : '0x1000')).toMatchObject({ kind: 'checked', correct: false });
  });
});

describe('the answer key', () => {
  it.each([1, 2, 3, 4])('level %i: every row agrees with the engine walking that exercise', (level) => {
    const sheet = generateSheet({ seed: 'class-7', level, count: 20 });
    if (!sheet.ok) throw new Error(sheet.error);
    for (const row of answerKey(sheet.exercises)) {
      const exercise = exerciseFor(sheetSeed('class-7', row.number), level);
      const [bdf, access, address] = row.request.split(' ');
      const sourceId = parseSourceId(bdf ?? '');
      if (!sourceId.ok) throw new Error(sourceId.error);
      const walk = translate(exercise.machine, { sourceId: sourceId.value, iova: iova(BigInt(address ?? '')), access: access === 'write' ? 'write' : 'read' });
      const engine = walk.kind === 'ok' ? `0x${walk.hpa.toString(16)}` : walk.kind === 'fault' ? `Fault ${walk.fault.reason.toString(16).toUpperCase()}h` : 'interrupt';
      expect(row.answer, `row ${row.number}`).toBe(engine);
      expect(row.entries, `row ${row.number}`).toBe(exercise.asksForEntries ? walk.steps.map((s) => `0x${s.entryAddress.toString(16)}`).join(' ') : undefined);
      expect(checkAnswer(exercise, row.answer, row.entries ?? '')).toMatchObject({ kind: 'checked', correct: true });
    }
  });
});
