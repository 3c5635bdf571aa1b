import { describe, expect, it } from 'vitest';
import { iova } from '../hex.ts';
import { parseSourceId } from '../pci/source-id.ts';
import type { Machine } from '../vtd/machine.ts';
import { translate } from '../vtd/translate.ts';
import { buildScenario, type Scenario, type ScenarioOptions } from './scenario.ts';

function given(options: ScenarioOptions): Scenario {
  const result = buildScenario(options);
  if (!result.ok) throw new Error(`${result.field}: ${result.error}`);
  return result.scenario;
}

const qword = (machine: Machine, address: bigint): bigint => machine.memory.readQword(address);

function translateAt(machine: Machine, bdf: string, address: bigint, access: 'read' | 'write' = 'read') {
  const sid = parseSourceId(bdf);
  if (!sid.ok) throw new Error(sid.error);
  const t = translate(machine, { sourceId: sid.value, iova: iova(address), access });
  return t.kind === 'ok' ? { ok: t.hpa, route: t.route } : t.kind === 'fault' ? { fault: t.fault.reason } : { interrupt: true };
}

/*
 * Frames come from the platform's page-table region at 0x40000000, lowest first: the root table
 * takes 0x40000000, then each domain's top table and each bus's context table in the order the
 * kernel creates them (dmar1 devices in probe order: 00:14.0, 01:00.0 + 01:00.1, 02:00.0, 03:00.0).
 */
describe('iommu=pt with ECAP.PT (Linux 6.6)', () => {
  const s = given({ mode: 'pt', device: '03:00.0' });
  it.each([
    // bus  root entry @          value (P=1, CTP)          context entry @  lo (TT=10, P=1)  hi (DID 1, AW 2)
    ['00:14.0', 0x4000_0000n, 0x0000_0000_4000_1001n, 0x4000_1a00n, 0x0000_0000_0000_0009n, 0x0000_0000_0000_0102n],
    ['01:00.1', 0x4000_0010n, 0x0000_0000_4000_2001n, 0x4000_2010n, 0x0000_0000_0000_0009n, 0x0000_0000_0000_0102n],
    ['03:00.0', 0x4000_0030n, 0x0000_0000_4000_4001n, 0x4000_4000n, 0x0000_0000_0000_0009n, 0x0000_0000_0000_0102n],
  ])('%s: root and context entries as context_setup_pass_through writes them', (_bdf, rootAt, root, contextAt, lo, hi) => {
    expect(qword(s.machine, rootAt)).toBe(root);
    expect(qword(s.machine, contextAt)).toBe(lo);
    expect(qword(s.machine, contextAt + 8n)).toBe(hi);
  });
  it('passes every address through untranslated; the iGPU is on the other unit, so not here', () => {
    expect(translateAt(s.machine, '03:00.0', 0x1_2345_6789n)).toEqual({ ok: 0x1_2345_6789n, route: 'pass-through' });
    expect(translateAt(s.machine, '00:02.0', 0x1000n)).toEqual({ fault: 0x2 });
    expect(s.mappings).toEqual([]);
    expect(s.bootLog).toContain('iommu: Default domain type: Passthrough (set via kernel command line)');
  });
});

describe('iommu=pt without ECAP.PT, si_domain era (Linux 6.6)', () => {
  const s = given({ mode: 'pt', device: '03:00.0', hwPassThrough: false });
  it('points every device at si_domain: TT=00, DID 1, SLPTPTR 0x40001000, AW 2', () => {
    expect(s.machine.ecap & 0x40n).toBe(0n);
    expect(qword(s.machine, 0x4000_0030n) & 1n).toBe(1n);
    const ctp = qword(s.machine, 0x4000_0030n) & ~0xfffn;
    expect(qword(s.machine, ctp)).toBe(0x0000_0000_4000_1001n);
    expect(qword(s.machine, ctp + 8n)).toBe(0x0000_0000_0000_0102n);
  });
  it.each([
    // iova              expected                       why
    [0x0000_1000n,       { ok: 0x0000_1000n },          'conventional memory'],
    [0x1_2345_6789n,     { ok: 0x1_2345_6789n },        'high RAM (a 1 GiB identity page)'],
    [0x7b80_0000n,       { ok: 0x7b80_0000n },          'the iGPU RMRR, mapped for every device'],
    [0x000a_0000n,       { fault: 0x6 },                'the VGA hole is not RAM'],
    [0x7a80_0000n,       { fault: 0x6 },                'ACPI NVS is not usable RAM'],
    [0x4_8000_0000n,     { fault: 0x6 },                'above the top of 16 GiB of RAM (4 GiB + 14 GiB)'],
  ])('%s → %o (%s)', (address, expected, _why) => {
    const result = translateAt(s.machine, '03:00.0', address);
    expect('ok' in expected ? { ok: result.ok } : result).toEqual(expected);
  });
  it('lists the identity ranges: every usable e820 range, then every RMRR', () => {
    expect(s.mappings.map((m) => [m.iova, m.size])).toEqual([
      [0x0n, 0x9_f000n],
      [0x10_0000n, 0x79f0_0000n],
      [0x1_0000_0000n, 0x3_8000_0000n],
      [0x7a1a_3000n, 0x2_0000n],
      [0x7b80_0000n, 0x480_0000n],
    ]);
  });
});

describe('iommu=pt without ECAP.PT on a kernel without si_domain (Linux 6.12)', () => {
  const s = given({ mode: 'pt', device: '03:00.0', hwPassThrough: false, kernel: { major: 6, minor: 12 } });
  it('gives the device a DMA domain instead (device_def_domain_type)', () => {
    expect(s.translation).toBe('DMA domain');
    expect(s.contexts.find((c) => c.bdf === '03:00.0')).toMatchObject({ tt: 0, did: 5, aw: 2 });
    expect(translateAt(s.machine, '03:00.0', 0x1_2345_6000n)).toEqual({ fault: 0x6 });
  });
});

describe('DMA domains (Linux 6.6)', () => {
  const s = given({ mode: 'dma', device: '03:00.0', maps: [{ phys: 0x1_2345_6789n, size: 0x3000n }, { phys: 0x2000_0000n, size: 0x1000n }] });
  it.each([
    // bdf        context entry @   lo (SLPTPTR | P)           hi (DID << 8 | AW)
    ['00:14.0', 0x4000_5a00n, 0x0000_0000_4000_1001n, 0x0000_0000_0000_0102n],
    ['01:00.0', 0x4000_7000n, 0x0000_0000_4000_6001n, 0x0000_0000_0000_0202n],
    ['01:00.1', 0x4000_7010n, 0x0000_0000_4000_6001n, 0x0000_0000_0000_0202n],
    ['02:00.0', 0x4000_9000n, 0x0000_0000_4000_8001n, 0x0000_0000_0000_0302n],
    ['03:00.0', 0x4000_b000n, 0x0000_0000_4000_a001n, 0x0000_0000_0000_0402n],
  ])('%s: TT=00, DIDs from 1 in probe order (6.6 legacy mode reserves only DID 0), one domain per group', (_bdf, at, lo, hi) => {
    expect(qword(s.machine, at)).toBe(lo);
    expect(qword(s.machine, at + 8n)).toBe(hi);
  });
  it('numbers DIDs from 2 on kernels that reserve FLPT_DEFAULT_DID in legacy mode (6.12)', () => {
    const t = given({ mode: 'dma', device: '03:00.0', kernel: { major: 6, minor: 12 } });
    expect(t.contexts.map((c) => [c.bdf, c.did])).toEqual([['00:14.0', 2], ['01:00.0', 3], ['01:00.1', 3], ['02:00.0', 4], ['03:00.0', 5]]);
    expect(qword(t.machine, 0x4000_b008n)).toBe(0x0000_0000_0000_0502n);
  });
  it('gives the driver the IOVA with the page offset kept, top-down below 4 GiB', () => {
    expect(s.mappings.map((m) => [m.iova, m.hpa, m.size])).toEqual([
      [0xffff_c789n, 0x1_2345_6789n, 0x3000n], // 0x789 + 0x3000 → 4 pages, 4-aligned: pfn 0xffffc
      [0xffff_b000n, 0x2000_0000n, 0x1000n],
    ]);
  });
  it.each([
    // bdf       iova              expected
    ['03:00.0', 0xffff_c789n,     { ok: 0x1_2345_6789n }],
    ['03:00.0', 0xffff_ffffn,     { ok: 0x1_2345_9fffn }],  // last byte of the 4-page mapping
    ['03:00.0', 0xffff_b123n,     { ok: 0x2000_0123n }],
    ['03:00.0', 0xffff_a000n,     { fault: 0x6 }],          // never mapped
    ['03:00.0', 0x1_2345_6789n,   { fault: 0x6 }],          // the physical address is not an IOVA
    ['00:14.0', 0x7a1a_3000n,     { ok: 0x7a1a_3000n }],    // RMRR identity-mapped in the USB domain
    ['00:14.0', 0xffff_c789n,     { fault: 0x6 }],          // another device's IOVA
  ])('%s %s → %o', (bdf, address, expected) => {
    const result = translateAt(s.machine, bdf, address);
    expect('ok' in expected ? { ok: result.ok } : result).toEqual(expected);
  });
  it('unmaps: the IOVA faults again and its range returns to the allocator', () => {
    const t = given({ mode: 'dma', device: '03:00.0', maps: [{ phys: 0x1_2345_6789n, size: 0x3000n }] });
    expect(t.dma?.unmap(0xffff_c789n, 0x3000n)).toEqual({ ok: true, freed: 0x4000n });
    expect(translateAt(t.machine, '03:00.0', 0xffff_c789n)).toEqual({ fault: 0x6 });
    const again = t.dma?.map({ phys: 0x2_0000_0000n, size: 0x4000n });
    expect(again?.ok && again.mapping.iova).toBe(0xffff_c000n); // from the range cache
  });
  it('falls back to the full mask when 32-bit IOVA space cannot fit the buffer, and says so', () => {
    const t = given({ mode: 'dma', device: '03:00.0', maps: [{ phys: 0x1_0000_0000n, size: 0x8000_0000n }] });
    expect(t.mappings[0]?.iova).toBe(0x3f_8000_0000n);
    expect(t.bootLog.at(-1)).toBe('nvme 0000:03:00.0: Using 39-bit DMA addresses');
    expect(translateAt(t.machine, '03:00.0', 0x3f_c000_0010n)).toEqual({ ok: 0x1_4000_0010n, route: 'translated' });
  });
});

describe('intel_iommu=off', () => {
  const s = given({
    mode: 'disabled',
    device: '02:00.0',
    maps: [{ phys: 0x1_2345_6789n, size: 0x3000n }, { phys: 0x2_0000_0000n, size: 0x800n }, { phys: 0x2000_0000n, size: 0x1000n }],
  });
  it('leaves translation off and no tables', () => {
    expect(s.machine.translationEnabled).toBe(false);
    expect(s.machine.memory.pageCount).toBe(0);
    expect(translateAt(s.machine, '02:00.0', 0x2000_0000n)).toEqual({ ok: 0x2000_0000n, route: 'translation-disabled' });
  });
  it('bounces what the 32-bit mask cannot reach through swiotlb slots from 0x76000000', () => {
    expect(s.mappings.map((m) => [m.iova, m.bounce?.buffer])).toEqual([
      [0x7600_0000n, 0x1_2345_6789n], // 6 slots of 2 KiB, page-aligned start
      [0x7600_3000n, 0x2_0000_0000n], // the next free slot
      [0x2000_0000n, undefined], // reachable: the physical address itself
    ]);
    expect(s.bootLog).toContain('software IO TLB: mapped [mem 0x0000000076000000-0x000000007a000000] (64MB)');
  });
});

describe('bad input', () => {
  it.each([
    [{ mode: 'dma', device: '05:00.0' }, 'device', /^no device 05:00.0 on the sample platform/],
    [{ mode: 'dma', ramSize: 1n << 30n }, 'ramSize', /outside the sample platform's 4 GiB to 192 GiB/],
    [{ mode: 'dma', maps: [{ phys: 0x7a80_0000n, size: 0x1000n }] }, 'maps[0]', /not inside one usable RAM range/],
    [{ mode: 'dma', maps: [{ phys: 0x4000_0000n, size: 0x1000n }] }, 'maps[0]', /page-table region/],
    [{ mode: 'vfio', guestRamSize: 15n << 30n }, 'guestRamSize', /does not fit in the host's RAM above 4 GiB/],
  ] as const)('%o → %s', (options, field, error) => {
    const result = buildScenario(options as ScenarioOptions);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.error).toMatch(error);
    }
  });
});
