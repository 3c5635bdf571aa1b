import { hpa as hpaOf, toHex, type Hpa, type Iova } from '../hex.ts';
import type { FrameAllocator } from './frame-allocator.ts';
import { TWO_32, type PhysicalMemory } from './memory.ts';
import { agawLevels, agawWidth, sllpsAllows, type Cap } from './registers.ts';
import { levelPageSize } from './slpte.ts';

/** A second-level domain: its tables' root (the context entry's SLPTPTR), AW and DID. */
export interface Domain {
  readonly did: number;
  /** Context-entry AW value: 1 = 3 levels/39 bits, 2 = 4/48, 3 = 5/57. */
  readonly aw: number;
  /** The top-level table (SLPTPTR). */
  readonly pgd: Hpa;
  readonly memory: PhysicalMemory;
  readonly allocator: FrameAllocator;
  /** The highest level a leaf may sit at: 1 (4 KiB only), 2 (2 MiB) or 3 (1 GiB). */
  readonly largestLeafLevel: number;
}

export interface Permission {
  readonly r: boolean;
  readonly w: boolean;
}

export type MapResult =
  | { readonly ok: true; readonly pages: { readonly '4KiB': number; readonly '2MiB': number; readonly '1GiB': number } }
  | { readonly ok: false; readonly error: string };

const PAGE_NAMES = ['4KiB', '2MiB', '1GiB'] as const;

/**
 * A new, empty domain. The largest page is what CAP.SLLPS allows (Linux
 * iommu_superpage_capability: fls(SLLPS) levels above 4 KiB), unless `superpages` is false
 * (intel_iommu=sp_off). Returns undefined when no frame is left for the top table.
 */
export function createDomain(
  memory: PhysicalMemory,
  allocator: FrameAllocator,
  options: { did: number; aw: number; cap: Cap; superpages?: boolean },
): Domain | undefined {
  const pgd = allocator.alloc();
  if (pgd === undefined) return undefined;
  let largestLeafLevel = 1;
  if (options.superpages !== false) while (largestLeafLevel < 3 && sllpsAllows(options.cap, largestLeafLevel + 1)) largestLeafLevel++;
  return { did: options.did, aw: options.aw, pgd, memory, allocator, largestLeafLevel };
}

/**
 * Maps [iova, iova + size) to [hpa, hpa + size) with the largest pages that the domain and the
 * alignment of iova, hpa and the remaining length allow (Linux __domain_mapping with
 * hardware_largepage_caps). Non-leaf entries are R|W + address, leaves R/W (+PS) + address, as
 * Linux writes them. Mapping over a present entry is an error and leaves nothing of this call.
 */
export function map(domain: Domain, range: { iova: Iova; hpa: Hpa; size: bigint; perm: Permission }): MapResult {
  const { iova, hpa, size, perm } = range;
  if (size <= 0n) return { ok: false, error: `size ${toHex(size)} is not positive` };
  if (((iova | hpa | size) & 0xfffn) !== 0n) return { ok: false, error: `iova ${toHex(iova)}, hpa ${toHex(hpa)} and size ${toHex(size)} must all be 4 KiB aligned` };
  if (!perm.r && !perm.w) return { ok: false, error: 'a mapping needs R or W: an entry with neither is not present' };
  const width = agawWidth(domain.aw);
  if (iova + size > 1n << BigInt(width)) return { ok: false, error: `[${toHex(iova)}, ${toHex(iova + size)}) passes the domain's ${width}-bit address width` };
  if (hpa + size > 1n << 52n) return { ok: false, error: `hpa ${toHex(hpa + size - 1n)} is above the 52 address bits an entry holds` };
  const state: FillState = { domain, permBits: (perm.r ? 1 : 0) | (perm.w ? 2 : 0), pages: [0, 0, 0], error: undefined };
  fillLevel(state, Number(domain.pgd), agawLevels(domain.aw), iova, Number(hpa), size);
  if (state.error !== undefined) {
    unmap(domain, { iova, size: BigInt(state.mappedUpTo ?? iova) - iova });
    return { ok: false, error: state.error };
  }
  return { ok: true, pages: { '4KiB': state.pages[0] ?? 0, '2MiB': state.pages[1] ?? 0, '1GiB': state.pages[2] ?? 0 } };
}

interface FillState {
  readonly domain: Domain;
  readonly permBits: number;
  readonly pages: number[];
  error: string | undefined;
  /** With an error: the IOVA up to which this call had mapped, for the rollback. */
  mappedUpTo?: bigint;
}

function fillLevel(state: FillState, table: number, level: number, iova: bigint, phys: number, size: bigint): void {
  const { memory, allocator, largestLeafLevel } = state.domain;
  const span = levelPageSize(level);
  const spanNumber = Number(span);
  const shift = BigInt(12 + 9 * (level - 1));
  let cursor = iova;
  let remaining = size;
  while (remaining > 0n && state.error === undefined) {
    const index = Number((cursor >> shift) & 0x1ffn);
    const entryAddress = table + index * 8;
    if (level === 1) {
      // Every 4 KiB-aligned request is a run of PTEs here: fill the rest of this table directly.
      const count = Math.min(512 - index, Number(remaining >> 12n));
      const page = memory.pageForWrite(Math.floor(table / 4096));
      for (let i = 0; i < count; i++) {
        const word = (index + i) * 2;
        if (((page[word] ?? 0) & 3) !== 0) return overlap(state, cursor + BigInt(i * 4096), 1);
        const frame = phys + i * 4096;
        page[word] = ((frame % TWO_32) | state.permBits) >>> 0;
        page[word + 1] = Math.floor(frame / TWO_32);
      }
      state.pages[0] = (state.pages[0] ?? 0) + count;
      const bytes = BigInt(count) * 4096n;
      cursor += bytes;
      remaining -= bytes;
      phys += count * 4096;
      continue;
    }
    const lo = memory.readLo(entryAddress);
    const hi = memory.readHi(entryAddress);
    const present = (lo & 3) !== 0;
    if (level <= largestLeafLevel && cursor % span === 0n && phys % spanNumber === 0 && remaining >= span) {
      if (present) return overlap(state, cursor, level);
      memory.writeWords(entryAddress, ((phys % TWO_32) | state.permBits | 0x80) >>> 0, Math.floor(phys / TWO_32));
      state.pages[level - 1] = (state.pages[level - 1] ?? 0) + 1;
      cursor += span;
      remaining -= span;
      phys += spanNumber;
      continue;
    }
    let next: number;
    if (present) {
      if ((lo & 0x80) !== 0) return overlap(state, cursor, level);
      next = (hi & 0xf_ffff) * TWO_32 + ((lo & 0xffff_f000) >>> 0);
    } else {
      const frame = allocator.alloc();
      if (frame === undefined) {
        state.error = 'no free frame left for a page table';
        state.mappedUpTo = cursor;
        return;
      }
      next = Number(frame);
      memory.writeWords(entryAddress, ((next % TWO_32) | 3) >>> 0, Math.floor(next / TWO_32));
    }
    const chunk = minBig(remaining, span - (cursor % span));
    fillLevel(state, next, level - 1, cursor, phys, chunk);
    cursor += chunk;
    remaining -= chunk;
    phys += Number(chunk);
  }
}

function overlap(state: FillState, at: bigint, level: number): void {
  state.error = `IOVA ${toHex(at)} is already mapped (a present ${PAGE_NAMES[level - 1] ?? ''} entry)`;
  state.mappedUpTo = at;
}

const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * Clears the mappings in [iova, iova + size) and returns the bytes unmapped. A superpage that the
 * range only partly covers is unmapped whole, as Linux intel_iommu_unmap rounds the size up to
 * the page; tables whose whole span is cleared are freed (dma_pte_clear_level).
 */
export function unmap(domain: Domain, range: { iova: Iova | bigint; size: bigint }): bigint {
  if (range.size <= 0n) return 0n;
  return clearLevel(domain, Number(domain.pgd), agawLevels(domain.aw), 0n, range.iova, range.iova + range.size);
}

function clearLevel(domain: Domain, table: number, level: number, tableBase: bigint, start: bigint, end: bigint): bigint {
  const { memory, allocator } = domain;
  const span = levelPageSize(level);
  const first = start > tableBase ? Number((start - tableBase) / span) : 0;
  const last = Math.min(511, Number((end - 1n - tableBase) / span));
  let cleared = 0n;
  for (let index = first; index <= last; index++) {
    const entryAddress = table + index * 8;
    const lo = memory.readLo(entryAddress);
    if ((lo & 3) === 0) continue;
    const entryStart = tableBase + BigInt(index) * span;
    if (level === 1 || (lo & 0x80) !== 0) {
      memory.writeWords(entryAddress, 0, 0);
      cleared += span;
      continue;
    }
    const next = (memory.readHi(entryAddress) & 0xf_ffff) * TWO_32 + ((lo & 0xffff_f000) >>> 0);
    cleared += clearLevel(domain, next, level - 1, entryStart, start, end);
    if (start <= entryStart && end >= entryStart + span) {
      memory.writeWords(entryAddress, 0, 0);
      allocator.free(hpaOf(BigInt(next)));
    }
  }
  return cleared;
}
