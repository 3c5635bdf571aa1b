import { hpa, iova, type Hpa } from '../hex.ts';
import { parseSourceId } from '../pci/source-id.ts';
import { createMachine, type Machine, type UnitRegisters } from './machine.ts';
import { PhysicalMemory } from './memory.ts';
import { translate, type Access, type Translation } from './translate.ts';

/** Test vocabulary: memory given as address → qword, as a debugger would show it. */
export function givenMemory(qwords: Readonly<Record<string, bigint>>): PhysicalMemory {
  const memory = new PhysicalMemory();
  for (const [address, value] of Object.entries(qwords)) memory.writeQword(BigInt(address), value);
  return memory;
}

export function givenMachine(registers: Partial<UnitRegisters>, qwords: Readonly<Record<string, bigint>>): Machine {
  return createMachine(
    { haw: 39, cap: 0n, ecap: 0n, rtaddr: 0n, translationEnabled: true, ...registers },
    givenMemory(qwords),
  );
}

export function translateAt(machine: Machine, bdf: string, address: bigint, access: Access = 'read'): Translation {
  const sourceId = parseSourceId(bdf);
  if (!sourceId.ok) throw new Error(sourceId.error);
  return translate(machine, { sourceId: sourceId.value, iova: iova(address), access });
}

/** What a row of a spec table compares: the HPA, or the fault reason and the step that raised it. */
export type Summary = { ok: Hpa } | { fault: number; at: string } | 'interrupt';

export function summary(translation: Translation): Summary {
  switch (translation.kind) {
    case 'ok':
      return { ok: translation.hpa };
    case 'interrupt':
      return 'interrupt';
    case 'fault':
      return { fault: translation.fault.reason, at: translation.steps[translation.fault.stepIndex]?.kind ?? '?' };
  }
}

export const ok = (address: bigint): Summary => ({ ok: hpa(address) });
export const fault = (reason: number, at: string): Summary => ({ fault: reason, at });
