/**
 * Linux's IOVA allocator (drivers/iommu/iova.c, v6.x), one domain's worth: an address-ordered
 * set of allocated and reserved ranges in 4 KiB page frames, searched top-down from a limit,
 * with the cached start nodes and the per-size range cache that decide which gap the next
 * allocation takes. The rbtree is a sorted array here: same order, same prev/next walk.
 */

/** struct iova: [pfnLo, pfnHi], inclusive, in IOVA page frames. */
interface IovaNode {
  pfnLo: bigint;
  pfnHi: bigint;
  readonly reserved: boolean;
}

/** IOVA_ANCHOR: ~0UL, the node that sits above the usable space (init_iova_domain). */
const IOVA_ANCHOR = (1n << 64n) - 1n;
/** IOVA_RANGE_CACHE_MAX_SIZE (include/linux/iova.h): log2 sizes below 6 are range-cached. */
export const IOVA_RANGE_CACHE_MAX_SIZE = 6;

/** fls_long(x): the 1-based index of the highest set bit, 0 for 0. */
const fls = (x: bigint): number => (x <= 0n ? 0 : x.toString(2).length);
/** roundup_pow_of_two(n) for n ≥ 1. */
export const roundupPowOfTwo = (n: bigint): bigint => (n <= 1n ? 1n : 1n << BigInt(fls(n - 1n)));

export interface IovaRange {
  readonly pfnLo: bigint;
  readonly pfnHi: bigint;
  readonly reserved: boolean;
}

export class IovaDomain {
  private readonly nodes: IovaNode[];
  private readonly anchor: IovaNode = { pfnLo: IOVA_ANCHOR, pfnHi: IOVA_ANCHOR, reserved: true };
  private cachedNode: IovaNode;
  private cached32Node: IovaNode;
  /** dma_32bit_pfn: 1 << (32 - iova_shift): the first frame at 4 GiB. */
  readonly dma32BitPfn = 1n << 20n;
  private max32AllocSize: bigint;
  /** Per log2-size stacks of freed-but-cached IOVA frames (iova_rcache magazines, one CPU). */
  private readonly rcache = new Map<number, bigint[]>();

  /** init_iova_domain(iovad, 4 KiB granule, startPfn); dma-iommu passes base_pfn = max(1, aperture start). */
  constructor(readonly startPfn: bigint) {
    this.nodes = [this.anchor];
    this.cachedNode = this.anchor;
    this.cached32Node = this.anchor;
    this.max32AllocSize = this.dma32BitPfn;
  }

  /** Allocated and reserved ranges, ascending, without the anchor. */
  ranges(): IovaRange[] {
    return this.nodes.filter((n) => n !== this.anchor).map(({ pfnLo, pfnHi, reserved }) => ({ pfnLo, pfnHi, reserved }));
  }

  /**
   * reserve_iova(): carve [pfnLo, pfnHi] out of the space; parts already covered are skipped, as
   * __adjust_overlap_range() does. Cached nodes are left alone.
   */
  reserve(pfnLo: bigint, pfnHi: bigint): void {
    let lo = pfnLo;
    for (const node of [...this.nodes]) {
      if (node === this.anchor || node.pfnHi < lo || node.pfnLo > pfnHi) continue;
      if (node.pfnLo > lo) this.insert({ pfnLo: lo, pfnHi: node.pfnLo - 1n, reserved: true });
      lo = node.pfnHi + 1n;
      if (lo > pfnHi) return;
    }
    this.insert({ pfnLo: lo, pfnHi, reserved: true });
  }

  /**
   * alloc_iova_fast(iovad, size, limitPfn, flush_rcache): the range cache first, then
   * alloc_iova(size_aligned = true); on failure the cache is flushed and the search retried once.
   * Returns the first frame, or undefined when no gap below the limit fits.
   */
  allocFast(size: bigint, limitPfn: bigint, flushRcache: boolean): bigint | undefined {
    const cached = this.rcacheGet(size, limitPfn + 1n);
    if (cached !== undefined) return cached;
    const found = this.allocAndInsert(size, limitPfn + 1n);
    if (found !== undefined || !flushRcache) return found;
    this.flushRcache();
    return this.allocAndInsert(size, limitPfn + 1n);
  }

  /**
   * free_iova_fast(): a range of a cacheable size (log2 < IOVA_RANGE_CACHE_MAX_SIZE) goes to the
   * range cache and stays in the tree; anything else is freed from the tree (free_iova).
   */
  freeFast(pfn: bigint, size: bigint): void {
    const order = fls(size - 1n);
    if (order < IOVA_RANGE_CACHE_MAX_SIZE) {
      const stack = this.rcache.get(order) ?? [];
      stack.push(pfn);
      this.rcache.set(order, stack);
      return;
    }
    this.free(pfn);
  }

  /** free_iova(): removes the range holding pfn, updating the cached nodes first. */
  free(pfn: bigint): boolean {
    const index = this.nodes.findIndex((n) => n !== this.anchor && pfn >= n.pfnLo && pfn <= n.pfnHi);
    const node = this.nodes[index];
    if (node === undefined) return false;
    this.deleteUpdate(node, index);
    this.nodes.splice(index, 1);
    return true;
  }

  /**
   * __alloc_and_insert_iova_range(), v6.x: walk down from the cached node (or the anchor) for the
   * first gap below `limitPfn` (exclusive) that fits `size` frames aligned to
   * roundup_pow_of_two(size); if that fails, retry once between the cached node and the limit,
   * starting from iova_find_limit().
   */
  private allocAndInsert(size: bigint, limitPfn: bigint): bigint | undefined {
    const alignMask = ~((1n << BigInt(fls(size - 1n))) - 1n);
    if (limitPfn <= this.dma32BitPfn && size >= this.max32AllocSize) return undefined;
    let high = limitPfn;
    let low = this.startPfn;
    let currIndex = this.nodes.indexOf(limitPfn <= this.dma32BitPfn ? this.cached32Node : this.cachedNode);
    const retryPfn = this.nodes[currIndex]?.pfnHi ?? IOVA_ANCHOR;
    for (let attempt = 0; attempt < 2; attempt++) {
      let newPfn = 0n;
      let prevIndex = currIndex;
      for (;;) {
        const curr = this.nodes[currIndex];
        if (curr === undefined) break;
        high = high < curr.pfnLo ? high : curr.pfnLo;
        newPfn = (high - size) & alignMask;
        prevIndex = currIndex;
        currIndex--;
        const below = this.nodes[currIndex];
        if (below === undefined || !(newPfn <= below.pfnHi && newPfn >= low)) break;
      }
      if (high >= size && newPfn >= low) {
        const node: IovaNode = { pfnLo: newPfn, pfnHi: newPfn + size - 1n, reserved: false };
        this.nodes.splice(prevIndex, 0, node);
        if (node.pfnHi < this.dma32BitPfn) this.cached32Node = node;
        else this.cachedNode = node;
        return newPfn;
      }
      if (attempt > 0 || low !== this.startPfn || retryPfn >= limitPfn) break;
      high = limitPfn;
      low = retryPfn + 1n;
      currIndex = this.findLimit(limitPfn);
    }
    this.max32AllocSize = size;
    return undefined;
  }

  /** iova_find_limit(): the anchor above 4 GiB, else the lowest node reaching the limit. */
  private findLimit(limitPfn: bigint): number {
    if (limitPfn > this.dma32BitPfn) return this.nodes.length - 1;
    return this.nodes.findIndex((n) => n.pfnHi >= limitPfn);
  }

  /** __cached_rbnode_delete_update(), v6.x. */
  private deleteUpdate(free: IovaNode, index: number): void {
    const next = this.nodes[index + 1] ?? this.anchor;
    const cached32 = this.cached32Node;
    if (free === cached32 || (free.pfnHi < this.dma32BitPfn && free.pfnLo >= cached32.pfnLo)) this.cached32Node = next;
    if (free.pfnLo < this.dma32BitPfn) this.max32AllocSize = this.dma32BitPfn;
    if (free.pfnLo >= this.cachedNode.pfnLo) this.cachedNode = next;
  }

  /** iova_rcache_get(): the most recently cached range of this size that ends at or below the limit. */
  private rcacheGet(size: bigint, limitPfn: bigint): bigint | undefined {
    const order = fls(size - 1n);
    if (order >= IOVA_RANGE_CACHE_MAX_SIZE) return undefined;
    const stack = this.rcache.get(order);
    if (stack === undefined) return undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const pfn = stack[i];
      if (pfn !== undefined && pfn <= limitPfn - size) {
        stack.splice(i, 1);
        return pfn;
      }
    }
    return undefined;
  }

  private flushRcache(): void {
    for (const stack of this.rcache.values()) for (const pfn of stack.splice(0)) this.free(pfn);
  }

  private insert(node: IovaNode): void {
    const at = this.nodes.findIndex((n) => n.pfnLo > node.pfnLo);
    this.nodes.splice(at < 0 ? this.nodes.length - 1 : at, 0, node);
  }
}
