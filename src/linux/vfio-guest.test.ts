import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { iova } from '../hex.ts';
import { parseSourceId } from '../pci/source-id.ts';
import type { Machine } from '../vtd/machine.ts';
import { translate } from '../vtd/translate.ts';
import { buildScenario, type Scenario, type ScenarioOptions } from './scenario.ts';
import { q35RamSplit } from './vfio-guest.ts';

function given(options: ScenarioOptions): Scenario {
  const result = buildScenario(options);
  if (!result.ok) throw new Error(`${result.field}: ${result.error}`);
  return result.scenario;
}

function dmaFrom(machine: Machine, bdf: string, gpa: bigint): { ok: bigint } | { fault: number } | { interrupt: true } {
  const sid = parseSourceId(bdf);
  if (!sid.ok) throw new Error(sid.error);
  const t = translate(machine, { sourceId: sid.value, iova: iova(gpa), access: 'write' });
  return t.kind === 'ok' ? { ok: t.hpa } : t.kind === 'fault' ? { fault: t.fault.reason } : { interrupt: true };
}

describe('q35 guest RAM split (pc_q35_init)', () => {
  it.each([
    // guest RAM        below 4 GiB       above 4 GiB
    [0x8000_0000n,      0x8000_0000n,     0x0n],           // 2 GiB: all low
    [0xa000_0000n,      0xa000_0000n,     0x0n],           // 2.5 GiB < 0xb0000000: all low
    [0xb000_0000n,      0x8000_0000n,     0x3000_0000n],   // at 0xb0000000 lowmem drops to 2 GiB
    [0x1_0000_0000n,    0x8000_0000n,     0x8000_0000n],   // 4 GiB: 2 + 2
    [0x4_0000_0000n,    0x8000_0000n,     0x3_8000_0000n], // 16 GiB: 2 + 14
  ])('%s → %s below, %s above', (ram, below, above) => {
    expect(q35RamSplit(ram)).toEqual({ belowFourG: below, aboveFourG: above });
  });
});

/*
 * Host: 16 GiB, so high RAM ends at 4 GiB + 14 GiB = 0x480000000, the 1 GiB-aligned top of the
 * hugetlb pool. Guest: 4 GiB, 2 MiB hugepages, pinned in GPA order from a LIFO free list: pc.ram
 * offset k·2 MiB sits in the hugepage at 0x480000000 - (k + 1)·2 MiB.
 */
describe('VFIO: 01:00.0 + 01:00.1 in a 4 GiB q35 guest on 2 MiB hugepages', () => {
  const s = given({ mode: 'vfio', device: '01:00.0' });
  it('attaches the whole group to a new unmanaged domain: DID 5 (1-4 held by default domains), TT=00, AW 2', () => {
    expect(s.contexts.filter((c) => c.bdf.startsWith('01:'))).toMatchObject([
      { bdf: '01:00.0', tt: 0, did: 5, aw: 2, domain: 'unmanaged (VFIO)' },
      { bdf: '01:00.1', tt: 0, did: 5, aw: 2, domain: 'unmanaged (VFIO)' },
    ]);
    expect(s.kernelParameters).toEqual(['intel_iommu=on', 'vfio-pci.ids=10de:1b80,10de:10f0']);
  });
  it.each([
    // GPA                expected                  why
    [0x0000_1234n,        { ok: 0x4_7fe0_1234n },   'offset 0: the top hugepage'],
    [0x0010_0000n,        { ok: 0x4_7ff0_0000n },   'past the legacy hole, same hugepage'],
    [0x0020_0000n,        { ok: 0x4_7fc0_0000n },   'hugepage 1 is the one below'],
    [0x7fff_ffffn,        { ok: 0x4_001f_ffffn },   'last byte below 4 GiB: hugepage 1023'],
    [0x1_0000_0000n,      { ok: 0x3_ffe0_0000n },   'first byte above 4 GiB: pc.ram offset 2 GiB, hugepage 1024'],
    [0x1_7fff_fff0n,      { ok: 0x3_801f_fff0n },   'last hugepage, 2047'],
    [0x000a_0000n,        { fault: 0x5 },           'VGA window: not guest RAM'],
    [0x000f_0000n,        { fault: 0x5 },           'BIOS shadow: not mapped in this model'],
    [0x8000_0000n,        { fault: 0x5 },           'the hole below 4 GiB'],
    [0xdead_b000n,        { fault: 0x5 },           'the hole below 4 GiB'],
    [0x1_8000_0000n,      { fault: 0x5 },           'above the end of guest RAM'],
  ])('GPA %s → %o (%s)', (gpa, expected, _why) => {
    expect(dmaFrom(s.machine, '01:00.0', gpa)).toEqual(expected);
  });
  it('maps each hugepage with one 2 MiB superpage, apart from the first, split by the legacy hole', () => {
    expect(s.mappings.slice(0, 3).map((m) => [m.iova, m.hpa, m.size])).toEqual([
      [0x0n, 0x4_7fe0_0000n, 0xa_0000n],
      [0x10_0000n, 0x4_7ff0_0000n, 0x10_0000n],
      [0x20_0000n, 0x4_7fc0_0000n, 0x20_0000n],
    ]);
    expect(s.mappings).toHaveLength(2 + 1023 + 1024);
  });
  test.prop([fc.bigInt({ min: 0n, max: 0xffff_ffffn })])('every GPA of guest RAM reaches the HPA its mapping names', (offset) => {
    const ramSize = 0x1_0000_0000n;
    const gpa = offset < 0x8000_0000n ? offset : 0x1_0000_0000n + offset - 0x8000_0000n;
    const mapping = s.mappings.find((m) => gpa >= m.iova && gpa < m.iova + m.size);
    const result = dmaFrom(s.machine, '01:00.0', gpa);
    if (gpa >= 0xa_0000n && gpa < 0x10_0000n) return expect(result).toEqual({ fault: 0x5 });
    expect(offset < ramSize && mapping !== undefined).toBe(true);
    if (mapping !== undefined) expect(result).toEqual({ ok: mapping.hpa + (gpa - mapping.iova) });
  });
});

describe('VFIO with 4 KiB and 1 GiB backing', () => {
  it('4 KiB pages: one run per RAM section, every page a 4 KiB leaf', () => {
    const s = given({ mode: 'vfio', guestRamSize: 0x4000_0000n, hugepages: '4KiB' });
    // 1 GiB guest (below 0xb0000000: all low). Run base: 0x480000000 - 1 GiB - 2 MiB, aligned, + 4 KiB.
    expect(s.mappings.map((m) => [m.iova, m.hpa, m.size])).toEqual([
      [0x0n, 0x4_3fe0_1000n, 0xa_0000n],
      [0x10_0000n, 0x4_3ff0_1000n, 0x3ff0_0000n],
    ]);
    const sid = parseSourceId('01:00.0');
    if (!sid.ok) throw new Error(sid.error);
    const t = translate(s.machine, { sourceId: sid.value, iova: iova(0x3fff_f123n), access: 'read' });
    expect(t.kind === 'ok' && [t.hpa, t.pageSize]).toEqual([0x4_7fe0_0123n, 0x1000n]);
  });
  it('1 GiB pages: GPA 0x40000000 lands in the second 1 GiB page, one leaf', () => {
    const s = given({ mode: 'vfio', guestRamSize: 0x1_0000_0000n, hugepages: '1GiB' });
    const sid = parseSourceId('01:00.0');
    if (!sid.ok) throw new Error(sid.error);
    const t = translate(s.machine, { sourceId: sid.value, iova: iova(0x4000_0010n), access: 'read' });
    expect(t.kind === 'ok' && [t.hpa, t.pageSize]).toEqual([0x4_0000_0010n, 0x4000_0000n]);
  });
});
