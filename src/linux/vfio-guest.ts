import { toHex } from '../hex.ts';
import { FOUR_GIB, GiB, MiB, TOLUD, type Platform } from '../platform/sample-platform.ts';

/** How the host backs guest RAM: hugetlbfs pages of 2 MiB or 1 GiB, or ordinary 4 KiB pages. */
export type Hugepages = '4KiB' | '2MiB' | '1GiB';
export const HUGEPAGE_SIZES: Readonly<Record<Hugepages, bigint>> = { '4KiB': 0x1000n, '2MiB': 2n * MiB, '1GiB': GiB };

/** Guest RAM below and above 4 GiB, as QEMU's q35 machine splits it. */
export interface GuestSplit {
  readonly belowFourG: bigint;
  readonly aboveFourG: bigint;
}

/**
 * pc_q35_init (hw/i386/pc_q35.c, QEMU 6.2–9.x): lowmem is 0x80000000 (2 GiB) when the RAM size
 * is at least 0xb0000000, else 0xb0000000 (2.75 GiB, below the 0xb0000000 MMCONFIG); RAM up to
 * lowmem sits at GPA 0, the rest from 4 GiB. (gigabyte_align and its 3 GiB split belong to the
 * i440fx "pc" machine, pc_init1; max-ram-below-4g defaults to 4 GiB and is not modelled.)
 */
export function q35RamSplit(ramSize: bigint): GuestSplit {
  const lowmem = ramSize >= 0xb000_0000n ? 0x8000_0000n : 0xb000_0000n;
  return ramSize >= lowmem ? { belowFourG: lowmem, aboveFourG: ramSize - lowmem } : { belowFourG: ramSize, aboveFourG: 0n };
}

/** One RAM section of the guest's memory map: GPA range and its offset in QEMU's pc.ram block. */
export interface GuestRamSection {
  readonly gpa: bigint;
  readonly size: bigint;
  readonly ramOffset: bigint;
}

/** The legacy VGA window and BIOS/option-ROM area 0xa0000–0xfffff: not guest RAM in this model. */
export const LEGACY_HOLE = { base: 0xa_0000n, end: 0x10_0000n } as const;

/**
 * The RAM sections QEMU's VFIO memory listener sees after guest firmware start: "ram-below-4g"
 * less the legacy hole (VGA MMIO at 0xa0000, PAM-controlled ROM shadows at 0xc0000–0xfffff,
 * whose states the firmware toggles), and "ram-above-4g" at 4 GiB.
 */
export function guestRamSections(split: GuestSplit): GuestRamSection[] {
  const sections: GuestRamSection[] = [{ gpa: 0n, size: LEGACY_HOLE.base, ramOffset: 0n }];
  if (split.belowFourG > LEGACY_HOLE.end) sections.push({ gpa: LEGACY_HOLE.end, size: split.belowFourG - LEGACY_HOLE.end, ramOffset: LEGACY_HOLE.end });
  if (split.aboveFourG > 0n) sections.push({ gpa: FOUR_GIB, size: split.aboveFourG, ramOffset: split.belowFourG });
  return sections;
}

/** Where the host put the pages backing guest RAM. */
export interface GuestBacking {
  readonly hugepages: Hugepages;
  /** The host-physical address backing a pc.ram offset. */
  hpaOf(ramOffset: bigint): bigint;
  /** The host-physical runs backing a section: each is contiguous, one VFIO_IOMMU_MAP_DMA chunk. */
  runs(section: GuestRamSection): { gpa: bigint; hpa: bigint; size: bigint }[];
}

export type BackingResult = { readonly ok: true; readonly backing: GuestBacking } | { readonly ok: false; readonly error: string };

const alignDown = (n: bigint, a: bigint): bigint => n - (n % a);

/**
 * Lays guest RAM into host RAM above 4 GiB. Hugepages come from the boot-time hugetlb pool at
 * the 1 GiB-aligned top of high RAM; the pool's free list is LIFO, so as VFIO pins guest RAM in
 * ascending order (vfio_pin_pages_remote) each next hugepage is the one below the last: no two
 * are contiguous, and each is one IOMMU superpage. 4 KiB pages are modelled as one run that
 * starts one page past a 2 MiB boundary, so no GPA/HPA pair is co-aligned and the IOMMU maps
 * 4 KiB pages (real anonymous memory is scattered; the page count is the same).
 */
export function layOutBacking(platform: Platform, guestRamSize: bigint, hugepages: Hugepages): BackingResult {
  const page = HUGEPAGE_SIZES[hugepages];
  const highEnd = FOUR_GIB + platform.ramSize - TOLUD;
  if (guestRamSize % page !== 0n) return { ok: false, error: `guest RAM ${toHex(guestRamSize)} is not a multiple of the ${hugepages} page size` };
  if (hugepages === '4KiB') {
    const base = alignDown(highEnd - guestRamSize - 2n * MiB, 2n * MiB) + 0x1000n;
    if (base < FOUR_GIB) return { ok: false, error: tooBig(guestRamSize, highEnd) };
    return { ok: true, backing: { hugepages, hpaOf: (offset) => base + offset, runs: (s) => [{ gpa: s.gpa, hpa: base + s.ramOffset, size: s.size }] } };
  }
  const poolTop = alignDown(highEnd, GiB);
  if (poolTop - guestRamSize < FOUR_GIB) return { ok: false, error: tooBig(guestRamSize, highEnd) };
  const hpaOf = (offset: bigint): bigint => poolTop - (offset / page + 1n) * page + (offset % page);
  return {
    ok: true,
    backing: {
      hugepages,
      hpaOf,
      runs(section) {
        const out: { gpa: bigint; hpa: bigint; size: bigint }[] = [];
        for (let offset = section.ramOffset; offset < section.ramOffset + section.size; ) {
          const end = alignDown(offset, page) + page;
          const stop = end < section.ramOffset + section.size ? end : section.ramOffset + section.size;
          out.push({ gpa: section.gpa + offset - section.ramOffset, hpa: hpaOf(offset), size: stop - offset });
          offset = stop;
        }
        return out;
      },
    },
  };
}

const tooBig = (guest: bigint, highEnd: bigint): string =>
  `guest RAM ${toHex(guest)} does not fit in the host's RAM above 4 GiB (0x100000000-${toHex(highEnd)}); give the host more RAM`;
