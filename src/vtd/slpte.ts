import { bit, bits, type FieldLayout } from '../bits.ts';
import { hpa, type Hpa } from '../hex.ts';

/** Second-level table levels, top (5) to leaf (1). */
export type Level = 1 | 2 | 3 | 4 | 5;

/** The trace's name for the entry read at each level (VT-d 4.1 §9.8 calls them PML5E … PTE). */
export const LEVEL_KIND = { 5: 'pml5', 4: 'pml4', 3: 'pdpt', 2: 'pd', 1: 'pt' } as const;
export type SlptKind = (typeof LEVEL_KIND)[Level];
export const LEVEL_ENTRY_NAME: Readonly<Record<Level, string>> = { 5: 'PML5E', 4: 'PML4E', 3: 'PDPE', 2: 'PDE', 1: 'PTE' };

/** Bytes a leaf at this level maps: 4 KiB, 2 MiB, 1 GiB (VT-d §3.7, Table 9-8 geometry). */
export const levelPageSize = (level: number): bigint => 1n << BigInt(12 + 9 * (level - 1));

/** IOVA bits that index a table at this level: 12 + 9(L−1) + 8 down to 12 + 9(L−1). */
export const levelIndexBits = (level: number): readonly [hi: number, lo: number] => [20 + 9 * (level - 1), 12 + 9 * (level - 1)];

/**
 * Second-level paging entry, VT-d 4.1 §9.8; Linux drivers/iommu/generic_pt/fmt/vtdss.h and
 * DMA_PTE_*: R 0, W 1, X 2, EMT 5:3, IPAT 6, PS 7, A 8, D 9, SNP 11, ADDR 51:12, TM 62.
 * There is no present bit: an entry is present iff R or W is set.
 */
export const SLPTE_LAYOUT: readonly FieldLayout[] = [
  { name: 'R', hi: 0, lo: 0, title: 'Read allowed' },
  { name: 'W', hi: 1, lo: 1, title: 'Write allowed' },
  { name: 'X', hi: 2, lo: 2, title: 'Execute allowed (scalable mode with SLEE only)' },
  { name: 'EMT', hi: 5, lo: 3, title: 'Extended memory type (leaf)' },
  { name: 'IPAT', hi: 6, lo: 6, title: 'Ignore PAT (leaf)' },
  { name: 'PS', hi: 7, lo: 7, title: 'Page size: 1 in a PDE/PDPE makes it a 2 MiB / 1 GiB leaf' },
  { name: 'A', hi: 8, lo: 8, title: 'Accessed (set by hardware only with A/D enabled)' },
  { name: 'D', hi: 9, lo: 9, title: 'Dirty (leaf; A/D enabled)' },
  { name: 'Ignored', hi: 10, lo: 10, title: 'Ignored: free for software' },
  { name: 'SNP', hi: 11, lo: 11, title: 'Snoop (leaf; honoured only with ECAP.SC, else reserved)' },
  { name: 'ADDR', hi: 51, lo: 12, title: 'Address of the next table, or of the page frame in a leaf', address: true },
  { name: 'Ignored', hi: 61, lo: 52, title: 'Ignored: free for software' },
  { name: 'TM', hi: 62, lo: 62, title: 'Transient mapping (reserved in the current specification)' },
  { name: 'Ignored', hi: 63, lo: 63, title: 'Ignored: free for software' },
];

export interface Slpte {
  readonly raw: bigint;
  readonly r: boolean;
  readonly w: boolean;
  readonly ps: boolean;
  readonly snp: boolean;
  /** Bits 51:12: the next table, or the page frame of a leaf. */
  readonly address: Hpa;
}

export function decodeSlpte(raw: bigint): Slpte {
  return { raw, r: bit(raw, 0), w: bit(raw, 1), ps: bit(raw, 7), snp: bit(raw, 11), address: hpa(bits(raw, 51, 12) << 12n) };
}

/**
 * Reserved bits of a second-level entry, as QEMU's VTD_SPTE_*_RSVD_MASK(aw) with VTD_SL_IGN_COM
 * (bits 63 and 61:52 ignored): bits haw..51 and TM (62) everywhere; SNP (11) unless ECAP.SC makes
 * it a leaf field; PS (7) in PML4E/PML5E; in a 2 MiB leaf bits 20:12, in a 1 GiB leaf 29:12 (the
 * page frame must be aligned).
 *
 * The spec also reserves PS where CAP.SLLPS lacks that page size; QEMU advertises both sizes and so
 * never checks it: `ps` says whether this entry's PS makes it a leaf the hardware supports.
 */
export function slpteReservedMask(options: { level: number; leaf: boolean; haw: number; snoopControl: boolean }): bigint {
  const { level, leaf, haw, snoopControl } = options;
  const aboveHaw = haw >= 52 ? 0n : ((1n << 52n) - 1n) & ~((1n << BigInt(haw)) - 1n);
  let mask = aboveHaw | (1n << 62n);
  if (!(leaf && snoopControl)) mask |= 1n << 11n;
  if (level >= 4) mask |= 1n << 7n;
  if (leaf && level > 1) mask |= ((1n << BigInt(12 + 9 * (level - 1))) - 1n) & ~0xfffn;
  return mask;
}
