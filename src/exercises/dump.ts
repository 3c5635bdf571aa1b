import { hpa, toHex } from '../hex.ts';
import type { Machine } from '../vtd/machine.ts';
import type { Exercise, MemoryLine } from './exercise.ts';

/** GSTS as the unit reports it: TES (31) when translation is on; RTPS (30) once SRTP latched RTADDR; QIES (26); IRES (25). */
export function gstsOf(machine: Machine): bigint {
  return (machine.translationEnabled ? 1n << 31n : 0n) | (1n << 30n) | (1n << 26n) | (1n << 25n);
}

/**
 * What the learner is given, as the kernel and a debugger print it: the DMAR lines of dmesg
 * (dmar_table_print_dmar_entry's "Host address width", alloc_iommu's "reg_base_addr … cap …
 * ecap …"), the registers as debugfs iommu_regset prints them ("%-16s\t0x%02x\t\t0x%016llx"),
 * and every non-zero 16 bytes of memory as gdb's x/2gx prints them.
 */
export function exerciseDump(exercise: Exercise): { readonly dmesg: readonly string[]; readonly registers: readonly string[]; readonly memory: readonly string[] } {
  const { machine, unit } = exercise;
  const row = (name: string, offset: number, value: bigint): string => `${name.padEnd(16)}\t0x${offset.toString(16).padStart(2, '0')}\t\t${toHex(value, 16)}`;
  return {
    dmesg: [
      `DMAR: Host address width ${machine.haw}`,
      // "%#016Lx" counts the 0x in its width: 14 digits.
      `DMAR: DRHD base: ${toHex(unit.registerBase, 14)} flags: 0x1`,
      `DMAR: ${unit.name}: reg_base_addr ${unit.registerBase.toString(16)} ver 1:0 cap ${machine.cap.toString(16)} ecap ${machine.ecap.toString(16)}`,
    ],
    registers: [`IOMMU: ${unit.name} Register Base Address: ${unit.registerBase.toString(16)}`, 'Name\t\t\tOffset\t\tContents', row('GSTS', 0x1c, gstsOf(machine)), row('CAP', 0x08, machine.cap), row('ECAP', 0x10, machine.ecap), row('RTADDR', 0x20, machine.rtaddr)],
    memory: memoryLines(machine).map((line) => `${toHex(line.address, 16)}:\t${toHex(line.qwords[0], 16)}\t${toHex(line.qwords[1], 16)}`),
  };
}

/** Every 16-byte line of the machine's memory that is not all zero, lowest address first. */
export function memoryLines(machine: Machine): MemoryLine[] {
  const lines: MemoryLine[] = [];
  for (const pfn of machine.memory.pageFrames()) {
    const page = machine.memory.page(pfn);
    if (page === undefined) continue;
    for (let word = 0; word < page.length; word += 4) {
      const w = (i: number): bigint => BigInt(page[word + i] ?? 0);
      const lo = (w(1) << 32n) | w(0);
      const hi = (w(3) << 32n) | w(2);
      if (lo === 0n && hi === 0n) continue;
      lines.push({ address: hpa((BigInt(pfn) << 12n) + BigInt(word * 4)), qwords: [lo, hi] });
    }
  }
  return lines;
}
