import { describe, expect, it } from 'vitest';
import { createEngineHost } from '../../src/worker/host.ts';
import type { TranslationResult } from '../store/lab-store.ts';
import { buildWalkModel, describeStep } from './walk-model.ts';

/** A translation as the app receives it from the worker, for a built scenario. */
function walk(mode: 'dma' | 'pt' | 'disabled', sourceId: string, iova: string, access: 'read' | 'write' = 'read'): TranslationResult {
  const host = createEngineHost();
  host.handle({ id: 1, type: 'build-scenario', mode, maps: [{ phys: '0x123456000', size: '0x3000' }] });
  const answer = host.handle({ id: 2, type: 'translate', sourceId, iova, access });
  if (answer.type !== 'translation') throw new Error(JSON.stringify(answer));
  return { request: { sourceId, iova, access }, translation: answer.translation, view: answer.view, unit: answer.unit, faultLog: answer.faultLog };
}

describe('the walk diagram is drawn from the trace', () => {
  it('has the device, the unit, one box per entry read and the page, revealed one step at a time', () => {
    const model = buildWalkModel(walk('dma', '03:00.0', '0xffffc234'));
    expect(model.columns.map((c) => [c.kind, c.revealAt])).toEqual([
      ['device', 0], ['unit', 0], ['root', 1], ['context', 2], ['pml4', 3], ['pdpt', 4], ['pd', 5], ['pt', 6], ['page', 6],
    ]);
    expect([model.columns[1]?.title, model.columns[1]?.subtitle]).toEqual(['IOMMU dmar1', 'RTADDR 0x40000000']);
    expect(model.columns.at(-1)?.subtitle).toBe('HPA 0x123456234');
  });

  it('marks the entry read among its neighbours, in the table\'s own index width', () => {
    const model = buildWalkModel(walk('dma', '03:00.0', '0xffffc234'));
    const root = model.columns[2];
    expect(root?.rows.filter((r) => r.active).map((r) => r.label)).toEqual(['03']);
    const pt = model.columns[7];
    expect(pt?.rows.find((r) => r.active)).toMatchObject({ label: '1fc', value: '0000000123456003', present: true });
    expect(pt?.note).toBe('PTE[508]: R W → page 0x123456000');
  });

  it('ends a faulting walk at a fault box, and marks the entry that faulted', () => {
    const model = buildWalkModel(walk('dma', '03:00.0', '0x1000', 'write'));
    const faulted = model.columns.filter((c) => c.faulted).map((c) => c.kind);
    expect(faulted).toHaveLength(2);
    expect(model.columns.at(-1)).toMatchObject({ kind: 'fault', title: 'Fault 5h', note: 'PTE Write access is not set' });
    expect(describeStep(model, model.stepCount)).toMatch(/^Step \d of \d: Fault 5h Write not allowed — PTE Write access is not set \(faulted here\)$/);
  });

  it('has nothing between the unit and memory when translation is off', () => {
    const model = buildWalkModel(walk('disabled', '03:00.0', '0x123456000'));
    expect(model.columns.map((c) => c.kind)).toEqual(['device', 'unit', 'memory']);
    expect(model.columns[1]?.subtitle).toBe('GSTS.TES=0');
    expect(describeStep(model, 0)).toBe('Step 0 of 0: the request leaves the device.');
  });
});
