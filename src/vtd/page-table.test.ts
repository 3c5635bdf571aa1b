import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hpa, iova } from '../hex.ts';
import { sourceId } from '../pci/source-id.ts';
import { createFrameAllocator } from './frame-allocator.ts';
import { createMachine } from './machine.ts';
import { PhysicalMemory } from './memory.ts';
import { createDomain, map, unmap, type Domain } from './page-table.ts';
import { setContextEntry } from './root-table.ts';
import { translate } from './translate.ts';

// CAP 0x0000000c00380e06: SAGAW 39/48/57, MGAW 57, SLLPS 2 MiB + 1 GiB; 0x...0380e06 without SLLPS.
const CAP_LARGE = 0x0000_000c_0038_0e06n;
const CAP_4K = 0x0000_0000_0038_0e06n;
const GPU = sourceId(0, 2, 0);

function given(cap: bigint, aw = 2) {
  const memory = new PhysicalMemory();
  const allocator = createFrameAllocator(memory, { base: hpa(0x100_0000n), limit: hpa(0x200_0000n) });
  const rootTable = allocator.alloc() ?? hpa(0n);
  const machine = createMachine({ haw: 46, cap, ecap: 0n, rtaddr: rootTable, translationEnabled: true }, memory);
  const domain = createDomain(memory, allocator, { did: 2, aw, cap: machine.capFields }) as Domain;
  setContextEntry(memory, allocator, { rootTable, sourceId: GPU }, { tt: 0, slptptr: domain.pgd, aw, did: 2 });
  const walk = (address: bigint, access: 'read' | 'write' = 'read') => translate(machine, { sourceId: GPU, iova: iova(address), access });
  return { machine, domain, allocator, walk };
}

describe('map picks the largest page the hardware and alignment allow (Linux __domain_mapping)', () => {
  it.each([
    // cap        iova             hpa               size            pages (4K, 2M, 1G)
    [CAP_LARGE, 0x4000_0000n,    0x1_4000_0000n,   0x4000_0000n,   [0, 0, 1]],  // aligned 1 GiB
    [CAP_LARGE, 0x20_0000n,      0x40_0000n,       0x60_0000n,     [0, 3, 0]],  // three 2 MiB
    [CAP_LARGE, 0x1f_f000n,      0x3f_f000n,       0x20_2000n,     [2, 1, 0]],  // 4K head, 2M, 4K tail
    [CAP_LARGE, 0x20_0000n,      0x40_1000n,       0x20_0000n,     [512, 0, 0]], // hpa misaligned: 4 KiB only
    [CAP_4K,    0x4000_0000n,    0x1_4000_0000n,   0x4000_0000n,   [262144, 0, 0]], // no SLLPS
  ] as const)('CAP %s: [%s +%s) → %s', (cap, at, to, size, pages) => {
    const { domain, walk } = given(cap);
    const result = map(domain, { iova: iova(at), hpa: hpa(to), size, perm: { r: true, w: true } });
    expect(result).toEqual({ ok: true, pages: { '4KiB': pages[0], '2MiB': pages[1], '1GiB': pages[2] } });
    expect(walk(at + size - 8n)).toMatchObject({ kind: 'ok', hpa: to + size - 8n });
  });

  it('writes a non-leaf entry as R|W + address and a leaf as R/W (+PS) + address', () => {
    const { domain, machine, walk } = given(CAP_LARGE);
    map(domain, { iova: iova(0x20_0000n), hpa: hpa(0x4_0000_0000n), size: 0x20_0000n, perm: { r: true, w: false } });
    const steps = walk(0x20_0000n).steps;
    expect(steps.slice(2).map((s) => (s.kind === 'root' || s.kind === 'context' ? 0n : s.raw & 0xfffn))).toEqual([0x3n, 0x3n, 0x81n]);
    expect(machine.memory.readQword(domain.pgd) & 0xfffn).toBe(0x3n);
  });

  it('refuses to map over a present entry and leaves nothing of the failed call', () => {
    const { domain, walk } = given(CAP_LARGE);
    map(domain, { iova: iova(0x3000n), hpa: hpa(0x9000n), size: 0x1000n, perm: { r: true, w: true } });
    const result = map(domain, { iova: iova(0x1000n), hpa: hpa(0x5000n), size: 0x4000n, perm: { r: true, w: true } });
    expect(result).toEqual({ ok: false, error: 'IOVA 0x3000 is already mapped (a present 4KiB entry)' });
    expect(walk(0x1000n).kind).toBe('fault');
    expect(walk(0x3000n)).toMatchObject({ kind: 'ok', hpa: 0x9000n });
  });

  it.each([
    [{ iova: 0x1001n, hpa: 0x2000n, size: 0x1000n }, 'iova 0x1001, hpa 0x2000 and size 0x1000 must all be 4 KiB aligned'],
    [{ iova: 0xffff_ffff_f000n, hpa: 0x2000n, size: 0x2000n }, "[0xfffffffff000, 0x1000000001000) passes the domain's 48-bit address width"],
    [{ iova: 0x1000n, hpa: 0x2000n, size: 0n }, 'size 0x0 is not positive'],
  ])('rejects %o', (range, error) => {
    const { domain } = given(CAP_LARGE);
    expect(map(domain, { iova: iova(range.iova), hpa: hpa(range.hpa), size: range.size, perm: { r: true, w: true } })).toEqual({ ok: false, error });
  });
});

describe('unmap (Linux intel_iommu_unmap, dma_pte_clear_level)', () => {
  it('clears the range and frees tables whose whole span it covers', () => {
    const { domain, allocator, walk } = given(CAP_4K);
    const before = allocator.inUse;
    map(domain, { iova: iova(0x1000n), hpa: hpa(0x5000n), size: 0x3000n, perm: { r: true, w: true } });
    expect(allocator.inUse).toBe(before + 3); // PDPT, PD, PT
    expect(unmap(domain, { iova: 0x2000n, size: 0x1000n })).toBe(0x1000n);
    expect(walk(0x2000n).kind).toBe('fault');
    expect(walk(0x1000n).kind).toBe('ok');
    expect(unmap(domain, { iova: 0n, size: 0x80_0000_0000n })).toBe(0x2000n);
    expect(allocator.inUse).toBe(before);
  });
  it('unmaps a superpage whole when the range covers part of it', () => {
    const { domain, walk } = given(CAP_LARGE);
    map(domain, { iova: iova(0x20_0000n), hpa: hpa(0x40_0000n), size: 0x20_0000n, perm: { r: true, w: true } });
    expect(unmap(domain, { iova: 0x20_0000n, size: 0x1000n })).toBe(0x20_0000n);
    expect(walk(0x3f_f000n).kind).toBe('fault');
  });
});

describe('what map builds, translate reads back', () => {
  const page = fc.bigInt({ min: 0n, max: (1n << 24n) - 1n }).map((n) => n << 12n);
  const range = fc.record({ at: page, to: page, pages: fc.integer({ min: 1, max: 1200 }), r: fc.boolean(), w: fc.boolean() });
  test.prop([fc.array(range, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 2, 3), fc.constantFrom(CAP_LARGE, CAP_4K), fc.array(fc.bigInt({ min: 0n, max: (1n << 39n) - 1n }), { maxLength: 20 })], { numRuns: 60 })(
    'every mapped byte translates to its HPA with its permissions; everything else faults',
    (ranges, aw, cap, probes) => {
      const { domain, walk } = given(cap, aw);
      const mapped: { at: bigint; to: bigint; size: bigint; r: boolean; w: boolean }[] = [];
      for (const { at, to, pages, r, w } of ranges) {
        if (!r && !w) continue;
        const size = BigInt(pages) * 0x1000n;
        if (map(domain, { iova: iova(at), hpa: hpa(to), size, perm: { r, w } }).ok) mapped.push({ at, to, size, r, w });
      }
      const inRange = (address: bigint) => mapped.find((m) => address >= m.at && address < m.at + m.size);
      const samples = [...probes, ...mapped.flatMap((m) => [m.at, m.at + m.size - 1n, m.at + m.size, m.at - 1n])].filter((a) => a >= 0n && (a < 0xfee0_0000n || a > 0xfeef_ffffn));
      for (const address of samples) {
        const hit = inRange(address);
        for (const access of ['read', 'write'] as const) {
          const t = walk(address, access);
          const allowed = hit !== undefined && (access === 'read' ? hit.r : hit.w);
          if (allowed) expect(t).toMatchObject({ kind: 'ok', hpa: hit.to + (address - hit.at) });
          else expect(t.kind).toBe('fault');
        }
      }
    },
  );
});
