import { describe, expect, it } from 'vitest';
import { parseHex, type Hpa } from '../hex.ts';
import { createMachine } from '../vtd/machine.ts';
import { PhysicalMemory } from '../vtd/memory.ts';
import { translate, type Translation } from '../vtd/translate.ts';
import { checkAnswer } from './answer.ts';
import { exerciseDump } from './dump.ts';
import { answerText, generateExercise, generateSheet, type Exercise } from './exercise.ts';

const exerciseFor = (seed: string, level: number): Exercise => {
  const result = generateExercise({ seed, level });
  if (!result.ok) throw new Error(result.error);
  return result.exercise;
};

const hex = (text: string): bigint => {
  const value = parseHex(text);
  if (!value.ok) throw new Error(value.error);
  return value.value;
};

/**
 * The machine a learner can rebuild from the printed dump alone: registers from the iommu_regset
 * rows, memory from the x/2gx lines. If the dump left out anything the walk reads, the answers
 * below would differ.
 */
function machineFromDump(exercise: Exercise) {
  const dump = exerciseDump(exercise);
  const register = (name: string): bigint => {
    const line = dump.registers.find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}\t`));
    if (line === undefined) throw new Error(`no ${name} row`);
    return hex(line.split('\t').pop() ?? '');
  };
  const hawLine = dump.dmesg.find((l) => l.startsWith('DMAR: Host address width '));
  const memory = new PhysicalMemory();
  for (const line of dump.memory) {
    const [address, lo, hi] = line.split(/:?\t/);
    memory.writeQword(hex(address ?? ''), hex(lo ?? ''));
    memory.writeQword(hex(address ?? '') + 8n, hex(hi ?? ''));
  }
  return createMachine(
    { haw: Number(hawLine?.split(' ').pop()), cap: register('CAP'), ecap: register('ECAP'), rtaddr: register('RTADDR'), translationEnabled: (register('GSTS') & (1n << 31n)) !== 0n },
    memory,
  );
}

const outcome = (t: Translation): string => (t.kind === 'ok' ? `hpa ${t.hpa.toString(16)}` : t.kind === 'fault' ? `fault ${t.fault.reason}` : 'interrupt');
const SEEDS = Array.from({ length: 150 }, (_, i) => `s${i}`);

describe('exercises', () => {
  it.each([1, 2, 3, 4])('level %i: the same seed gives the same exercise', (level) => {
    const a = exerciseFor('lab-42', level);
    const b = exerciseFor('lab-42', level);
    expect(exerciseDump(a)).toEqual(exerciseDump(b));
    expect(a.request).toEqual(b.request);
    expect(exerciseDump(exerciseFor('lab-43', level))).not.toEqual(exerciseDump(a));
  });

  it.each([1, 2, 3, 4])('level %i: for 150 seeds the answer is what the engine gives on the machine rebuilt from the dump', (level) => {
    for (const seed of SEEDS) {
      const exercise = exerciseFor(seed, level);
      const walk = translate(machineFromDump(exercise), exercise.request);
      expect(outcome(walk), `seed ${seed}`).toBe(exercise.answer.kind === 'hpa' ? `hpa ${exercise.answer.hpa.toString(16)}` : `fault ${exercise.answer.reason}`);
      expect(walk.steps.map((s) => s.entryAddress), `seed ${seed}`).toEqual(exercise.entriesRead);
      expect(checkAnswer(exercise, answerText(exercise.answer))).toMatchObject({ kind: 'checked', correct: true });
    }
  });

  it('level 1 walks four levels of 4 KiB pages to an HPA', () => {
    for (const seed of SEEDS) {
      const { translation } = exerciseFor(seed, 1);
      expect(translation.kind).toBe('ok');
      if (translation.kind === 'ok') expect([translation.steps.length, translation.pageSize]).toEqual([6, 0x1000n]);
    }
  });

  it('level 2 has 3-, 4- and 5-level walks and 2 MiB and 1 GiB pages', () => {
    const walks = new Set<string>();
    for (const seed of SEEDS) {
      const { translation } = exerciseFor(seed, 2);
      if (translation.kind === 'ok') walks.add(`${translation.steps[2]?.name} ${translation.pageSize.toString(16)}`);
    }
    expect(walks).toContain('PDPE 1000');
    expect(walks).toContain('PML5E 200000');
    expect(walks).toContain('PML4E 40000000');
  });

  it('level 3 gives every fault reason a walk can reach, and a few translations', () => {
    const reasons = new Set(SEEDS.map((seed) => outcome(exerciseFor(seed, 3).translation).replace(/hpa .*/, 'hpa')));
    expect([...reasons].sort()).toEqual(['fault 1', 'fault 12', 'fault 2', 'fault 3', 'fault 4', 'fault 5', 'fault 6', 'hpa']);
  });

  it('level 4 covers translation disabled, pass-through and a VFIO guest', () => {
    const settings = new Set(SEEDS.map((seed) => exerciseFor(seed, 4).setting));
    expect([...settings].sort()).toEqual(['pass-through', 'translation-disabled', 'vfio']);
    for (const seed of SEEDS) {
      const exercise = exerciseFor(seed, 4);
      if (exercise.setting !== 'vfio' && exercise.answer.kind === 'hpa') expect(exercise.answer.hpa).toBe(exercise.request.iova as bigint as Hpa);
    }
  });

  it('bad seeds and levels are named, not thrown', () => {
    expect(generateExercise({ seed: 'no spaces', level: 1 })).toEqual({ ok: false, error: '"no spaces" is not a seed (1 to 32 of a-z, 0-9 and -, starting with a letter or digit)' });
    expect(generateExercise({ seed: 'ok', level: 7 })).toEqual({ ok: false, error: 'level 7 is not one of 1, 2, 3, 4' });
    expect(generateSheet({ seed: 'ok', level: 1, count: 0 })).toEqual({ ok: false, error: '0 exercises: a sheet holds 1 to 50' });
  });
});
