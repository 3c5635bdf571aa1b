import { bit, bits, type FieldLayout } from '../bits.ts';

/**
 * CAP register (offset 0x08), VT-d 4.1 §11.4.2; bit positions as Linux's cap_* macros
 * (drivers/iommu/intel/iommu.h) and QEMU's VTD_CAP_* (hw/i386/intel_iommu_internal.h).
 */
export const CAP_LAYOUT: readonly FieldLayout[] = [
  { name: 'ND', hi: 2, lo: 0, title: 'Number of domains: 2^(4 + 2·ND) domain IDs' },
  { name: 'AFL', hi: 3, lo: 3, title: 'Advanced fault logging' },
  { name: 'RWBF', hi: 4, lo: 4, title: 'Required write-buffer flushing' },
  { name: 'PLMR', hi: 5, lo: 5, title: 'Protected low-memory region' },
  { name: 'PHMR', hi: 6, lo: 6, title: 'Protected high-memory region' },
  { name: 'CM', hi: 7, lo: 7, title: 'Caching mode: not-present entries may be cached (virtual IOMMUs)' },
  { name: 'SAGAW', hi: 12, lo: 8, title: 'Supported adjusted guest address widths: bit n = 30 + 9n bits, n + 2 levels' },
  { name: 'MGAW', hi: 21, lo: 16, title: 'Maximum guest address width, minus one' },
  { name: 'ZLR', hi: 22, lo: 22, title: 'Zero-length read' },
  { name: 'FRO', hi: 33, lo: 24, title: 'Fault-recording register offset / 16' },
  { name: 'SLLPS', hi: 37, lo: 34, title: 'Second-level large pages: bit 0 = 2 MiB, bit 1 = 1 GiB' },
  { name: 'PSI', hi: 39, lo: 39, title: 'Page-selective invalidation' },
  { name: 'NFR', hi: 47, lo: 40, title: 'Number of fault-recording registers, minus one' },
  { name: 'MAMV', hi: 53, lo: 48, title: 'Maximum address-mask value' },
  { name: 'DWD', hi: 54, lo: 54, title: 'Write draining' },
  { name: 'DRD', hi: 55, lo: 55, title: 'Read draining' },
  { name: 'FL1GP', hi: 56, lo: 56, title: 'First-level 1 GiB pages' },
  { name: 'PI', hi: 59, lo: 59, title: 'Posted interrupts' },
  { name: 'FL5LP', hi: 60, lo: 60, title: 'First-level 5-level paging' },
];

/** ECAP register (offset 0x10), VT-d 4.1 §11.4.3; Linux ecap_* macros. */
export const ECAP_LAYOUT: readonly FieldLayout[] = [
  { name: 'C', hi: 0, lo: 0, title: 'Page-walk coherency' },
  { name: 'QI', hi: 1, lo: 1, title: 'Queued invalidation' },
  { name: 'DT', hi: 2, lo: 2, title: 'Device-TLB (ATS): context TT=01 allowed' },
  { name: 'IR', hi: 3, lo: 3, title: 'Interrupt remapping' },
  { name: 'EIM', hi: 4, lo: 4, title: 'Extended interrupt mode (x2APIC)' },
  { name: 'PT', hi: 6, lo: 6, title: 'Pass-through: context TT=10 allowed' },
  { name: 'SC', hi: 7, lo: 7, title: 'Snoop control: SLPTE SNP bit honoured' },
  { name: 'IRO', hi: 17, lo: 8, title: 'IOTLB register offset / 16' },
  { name: 'MHMV', hi: 23, lo: 20, title: 'Maximum handle-mask value' },
  { name: 'NEST', hi: 26, lo: 26, title: 'Nested translation' },
  { name: 'PRS', hi: 29, lo: 29, title: 'Page requests' },
  { name: 'PASID', hi: 40, lo: 40, title: 'PASID support' },
  { name: 'SMTS', hi: 43, lo: 43, title: 'Scalable-mode translation' },
  { name: 'SLTS', hi: 46, lo: 46, title: 'Second-level translation in scalable mode' },
  { name: 'FLTS', hi: 47, lo: 47, title: 'First-level translation' },
];

/** An adjusted guest address width as the context entry's AW field encodes it (VT-d §9.3). */
export type Agaw = 0 | 1 | 2 | 3 | 4;

/** AW value → IOVA width in bits: 30 + 9·AW (Linux agaw_to_width; QEMU vtd_ce_get_agaw). */
export const agawWidth = (aw: number): number => 30 + 9 * aw;
/** AW value → number of second-level table levels: AW + 2 (Linux agaw_to_level). */
export const agawLevels = (aw: number): number => aw + 2;

export interface Cap {
  readonly raw: bigint;
  readonly nd: number;
  readonly cm: boolean;
  readonly rwbf: boolean;
  /** SAGAW bit n set: AW value n is supported. */
  readonly sagaw: number;
  /** Maximum guest address width in bits (the field + 1). */
  readonly mgaw: number;
  /** SLLPS bit 0: 2 MiB pages; bit 1: 1 GiB pages. */
  readonly sllps: number;
  readonly fro: number;
  readonly nfr: number;
}

export function decodeCap(raw: bigint): Cap {
  return {
    raw,
    nd: Number(bits(raw, 2, 0)),
    rwbf: bit(raw, 4),
    cm: bit(raw, 7),
    sagaw: Number(bits(raw, 12, 8)),
    mgaw: Number(bits(raw, 21, 16)) + 1,
    sllps: Number(bits(raw, 37, 34)),
    fro: Number(bits(raw, 33, 24)),
    nfr: Number(bits(raw, 47, 40)),
  };
}

export interface Ecap {
  readonly raw: bigint;
  readonly c: boolean;
  readonly qi: boolean;
  /** Device-TLB: TT=01 is legal. */
  readonly dt: boolean;
  readonly ir: boolean;
  /** Pass-through: TT=10 is legal. */
  readonly pt: boolean;
  /** Snoop control: SNP (SLPTE bit 11) is a field, not reserved. */
  readonly sc: boolean;
  readonly smts: boolean;
}

export function decodeEcap(raw: bigint): Ecap {
  return {
    raw,
    c: bit(raw, 0),
    qi: bit(raw, 1),
    dt: bit(raw, 2),
    ir: bit(raw, 3),
    pt: bit(raw, 6),
    sc: bit(raw, 7),
    smts: bit(raw, 43),
  };
}

/** Whether CAP.SAGAW has the AW value (QEMU vtd_is_level_supported: CAP bit 8 + level − 2). */
export const sagawSupports = (cap: Cap, aw: number): boolean => aw >= 0 && aw <= 4 && ((cap.sagaw >> aw) & 1) === 1;

/**
 * Whether CAP.SLLPS allows a leaf at this level: level 2 (2 MiB) needs SLLPS bit 0 (CAP 34),
 * level 3 (1 GiB) bit 1 (CAP 35). Level 1 always.
 */
export const sllpsAllows = (cap: Cap, level: number): boolean => level === 1 || (level <= 3 && ((cap.sllps >> (level - 2)) & 1) === 1);

/** RTADDR (0x20): RTA 63:12, TTM 11:10 (00 legacy, 01 scalable). VT-d 4.1 §11.4.5. */
export const RTADDR_LAYOUT: readonly FieldLayout[] = [
  { name: 'TTM', hi: 11, lo: 10, title: 'Translation table mode: 00 legacy, 01 scalable' },
  { name: 'RTA', hi: 63, lo: 12, title: 'Root table address (4 KiB aligned)', address: true },
];

/** Builds a CAP value from named fields, for scenarios and tests that describe hardware. */
export function encodeCap(fields: { nd?: number; sagaw: number; mgaw: number; sllps?: number; fro?: number; nfr?: number; cm?: boolean }): bigint {
  return (
    BigInt(fields.nd ?? 6) |
    (fields.cm ? 1n << 7n : 0n) |
    (BigInt(fields.sagaw & 0x1f) << 8n) |
    (BigInt((fields.mgaw - 1) & 0x3f) << 16n) |
    (BigInt(fields.fro ?? 0x22) << 24n) |
    (BigInt((fields.sllps ?? 0) & 0xf) << 34n) |
    (BigInt(fields.nfr ?? 0) << 40n)
  );
}

/** Builds an ECAP value from named capability bits. */
export function encodeEcap(fields: { c?: boolean; qi?: boolean; dt?: boolean; ir?: boolean; pt?: boolean; sc?: boolean; iro?: number }): bigint {
  return (
    (fields.c ? 1n : 0n) |
    (fields.qi ? 1n << 1n : 0n) |
    (fields.dt ? 1n << 2n : 0n) |
    (fields.ir ? 1n << 3n : 0n) |
    (fields.pt ? 1n << 6n : 0n) |
    (fields.sc ? 1n << 7n : 0n) |
    (BigInt(fields.iro ?? 0xf) << 8n)
  );
}
