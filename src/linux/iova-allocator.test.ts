import { describe, expect, it } from 'vitest';
import { IovaDomain, roundupPowOfTwo } from './iova-allocator.ts';

/*
 * The DMA domain of NVMe 03:00.0 on the sample platform, Linux 6.x. iommu_dma_init_domain gives
 * start_pfn = max(1, aperture_start >> 12) = 1; iova_reserve_iommu_regions reserves the host
 * bridge windows (0xa0000-0xbffff, 0x80000000-0xdfffffff, 0x4000000000-0x7fffffffff) and the MSI
 * window 0xfee00000-0xfeefffff (IOMMU_RESV_MSI). In frames:
 */
function nvmeDomain(): IovaDomain {
  const iovad = new IovaDomain(1n);
  iovad.reserve(0xa0n, 0xbfn);
  iovad.reserve(0x8_0000n, 0xd_ffffn);
  iovad.reserve(0x400_0000n, 0x7ff_ffffn);
  iovad.reserve(0xf_ee00n, 0xf_eeffn);
  return iovad;
}

// iommu_dma_alloc_iova for a PCI device with a 64-bit mask first calls
// alloc_iova_fast(iovad, len, DMA_BIT_MASK(32) >> 12 = 0xfffff, false); len is rounded up to a
// power of two below 32 pages (IOVA_RANGE_CACHE_MAX_SIZE 6).
const LIMIT_32 = 0xf_ffffn;

describe('alloc_iova_fast, hand-worked from drivers/iommu/iova.c (v6.x)', () => {
  it('hands out the first IOVAs top-down below 4 GiB, size-aligned', () => {
    const iovad = nvmeDomain();
    // 3 pages → 4. alloc_iova passes limit_pfn + 1 = 0x100000; cached32_node is the anchor
    // (pfn_lo ~0), so high_pfn = 0x100000 and new_pfn = (0x100000 - 4) & ~3 = 0xffffc. The node
    // below the anchor is the MSI window [0xfee00, 0xfeeff]: 0xffffc > 0xfeeff, no overlap.
    expect(iovad.allocFast(roundupPowOfTwo(3n), LIMIT_32, false)).toBe(0xf_fffcn);
    // cached32_node is now [0xffffc, 0xfffff]: high_pfn = 0xffffc, one page at 0xffffb.
    expect(iovad.allocFast(1n, LIMIT_32, false)).toBe(0xf_fffbn);
    // 16 pages, 16-aligned: (0xffffb - 16) & ~15 = 0xfffe0.
    expect(iovad.allocFast(16n, LIMIT_32, false)).toBe(0xf_ffe0n);
    // 33 pages is not range-cacheable, so not rounded, but still aligned to fls(32) = 64 pages:
    // (0xfffe0 - 33) & ~63 = 0xfff80; the range is [0xfff80, 0xfffa0].
    expect(iovad.allocFast(33n, LIMIT_32, false)).toBe(0xf_ff80n);
    expect(iovad.ranges().filter((r) => !r.reserved).map((r) => [r.pfnLo, r.pfnHi])).toEqual([
      [0xf_ff80n, 0xf_ffa0n],
      [0xf_ffe0n, 0xf_ffefn],
      [0xf_fffbn, 0xf_fffbn],
      [0xf_fffcn, 0xf_ffffn],
    ]);
  });

  it('reuses a freed cacheable size from the range cache, and otherwise keeps going down', () => {
    const iovad = nvmeDomain();
    iovad.allocFast(4n, LIMIT_32, false); // 0xffffc
    const one = iovad.allocFast(1n, LIMIT_32, false); // 0xffffb
    iovad.allocFast(16n, LIMIT_32, false); // 0xfffe0
    // free_iova_fast: a 1-page range goes to the rcache (log2 size 0 < 6) and stays in the tree.
    iovad.freeFast(0xf_fffbn, 1n);
    expect(one).toBe(0xf_fffbn);
    expect(iovad.allocFast(1n, LIMIT_32, false)).toBe(0xf_fffbn);
    // The cache is empty again: the next page comes from below the cached node 0xfffe0.
    expect(iovad.allocFast(1n, LIMIT_32, false)).toBe(0xf_ffdfn);
  });

  it('fails below 4 GiB when no aligned gap fits, so the caller retries with the full limit', () => {
    const iovad = nvmeDomain();
    // 2 GiB = 0x80000 pages aligned to 0x80000: (0x100000 - 0x80000) = 0x80000 overlaps the MSI
    // window; from its pfn_lo, (0xfee00 - 0x80000) & ~0x7ffff = 0 < start_pfn 1: no gap.
    expect(iovad.allocFast(0x8_0000n, LIMIT_32, false)).toBeUndefined();
    // Full 39-bit aperture (aperture_end 2^39 - 1): top-down from the anchor, the 64-bit window
    // [0x4000000, 0x7ffffff] pushes it to (0x4000000 - 0x80000) & ~0x7ffff = 0x3f80000.
    expect(iovad.allocFast(0x8_0000n, (1n << 27n) - 1n, true)).toBe(0x3f8_0000n);
  });

  it('never hands out a reserved frame or frame 0', () => {
    const iovad = new IovaDomain(1n);
    iovad.reserve(0x2n, 0xf_ffffn);
    // Only frame 1 is left below 4 GiB: a 1-page allocation gets it, the next finds nothing.
    expect(iovad.allocFast(1n, LIMIT_32, false)).toBe(0x1n);
    expect(iovad.allocFast(1n, LIMIT_32, false)).toBeUndefined();
  });
});
