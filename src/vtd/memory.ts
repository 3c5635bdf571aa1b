import type { Hpa } from '../hex.ts';

export const PAGE_SIZE = 4096;
const WORDS_PER_PAGE = PAGE_SIZE / 4;
const CACHE_SLOTS = 1024;
const TWO_32 = 0x1_0000_0000;

/**
 * Sparse 64-bit physical memory: 4 KiB pages of little-endian 32-bit words, allocated on first
 * write; memory never written reads as zero.
 *
 * The walker's hot path uses the number-addressed reads (`readLo`/`readHi`): every address it
 * reads is below 2^52 (entries hold address bits 51:12), exact in a double. The bigint API is
 * for everything else.
 */
export class PhysicalMemory {
  private readonly pages = new Map<number, Uint32Array>();
  // A direct-mapped cache of page look-ups in front of the Map: a walk touches a handful of pages
  // over and over (the root table, a context table, the upper-level tables). It caches where a
  // page's words live, never their contents, so it cannot go stale on a write; clearPage evicts.
  private readonly cachedPfn = new Float64Array(CACHE_SLOTS).fill(-1);
  private readonly cachedPage: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(CACHE_SLOTS).fill(undefined);

  /** Low 32 bits of the qword at a (8-byte aligned) address below 2^53. */
  readLo(address: number): number {
    const page = this.page(Math.floor(address / PAGE_SIZE));
    return page === undefined ? 0 : (page[(address % PAGE_SIZE) >>> 2] ?? 0);
  }

  /** High 32 bits of the qword at a (8-byte aligned) address below 2^53. */
  readHi(address: number): number {
    const page = this.page(Math.floor(address / PAGE_SIZE));
    return page === undefined ? 0 : (page[((address % PAGE_SIZE) >>> 2) + 1] ?? 0);
  }

  readQword(address: Hpa | bigint): bigint {
    const { pfn, word } = locate(address);
    const page = this.page(pfn);
    if (page === undefined) return 0n;
    return (BigInt(page[word + 1] ?? 0) << 32n) | BigInt(page[word] ?? 0);
  }

  writeQword(address: Hpa | bigint, value: bigint): void {
    const { pfn, word } = locate(address);
    const page = this.pageForWrite(pfn);
    page[word] = Number(value & 0xffff_ffffn);
    page[word + 1] = Number((value >> 32n) & 0xffff_ffffn);
  }

  /** Writes a qword given as two 32-bit halves at an address below 2^53 (table builders' path). */
  writeWords(address: number, lo: number, hi: number): void {
    const page = this.pageForWrite(Math.floor(address / PAGE_SIZE));
    const word = (address % PAGE_SIZE) >>> 2;
    page[word] = lo;
    page[word + 1] = hi;
  }

  /** The page's words for direct filling; allocated (zeroed) if never written. */
  pageForWrite(pfn: number): Uint32Array {
    let page = this.page(pfn);
    if (page === undefined) {
      page = new Uint32Array(WORDS_PER_PAGE);
      this.pages.set(pfn, page);
      this.cache(pfn, page);
    }
    return page;
  }

  /** The page's words if it was ever written, for the hot path and benchmarks. */
  page(pfn: number): Uint32Array | undefined {
    const slot = pfn & (CACHE_SLOTS - 1);
    if (this.cachedPfn[slot] === pfn) return this.cachedPage[slot];
    const page = this.pages.get(pfn);
    if (page !== undefined) this.cache(pfn, page);
    return page;
  }

  /** Zeroes a 4 KiB page (it reads as never written). */
  clearPage(pfn: number): void {
    this.pages.delete(pfn);
    const slot = pfn & (CACHE_SLOTS - 1);
    if (this.cachedPfn[slot] === pfn) {
      this.cachedPfn[slot] = -1;
      this.cachedPage[slot] = undefined;
    }
  }

  private cache(pfn: number, page: Uint32Array): void {
    const slot = pfn & (CACHE_SLOTS - 1);
    this.cachedPfn[slot] = pfn;
    this.cachedPage[slot] = page;
  }

  /** Page frame numbers ever written, ascending: for serialising. */
  pageFrames(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  get pageCount(): number {
    return this.pages.size;
  }
}

function locate(address: bigint): { pfn: number; word: number } {
  if (address < 0n || address >= 1n << 64n || (address & 7n) !== 0n) {
    throw new RangeError(`qword address 0x${address.toString(16)} is not an aligned 64-bit address`);
  }
  return { pfn: Number(address >> 12n), word: Number((address & 0xfffn) >> 2n) };
}

export { TWO_32 };
