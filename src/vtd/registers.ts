import { bit, bits } from '../bits.ts';

/** AW value → IOVA width in bits: 30 + 9·AW (Linux agaw_to_width; QEMU vtd_ce_get_agaw). */
export const agawWidth = (aw: number): number => 30 + 9 * aw;
/** AW value → number of second-level table levels: AW + 2 (Linux agaw_to_level). */
export const agawLevels = (aw: number): number => aw + 2;

/**
 * CAP register (offset 0x08), VT-d 4.1 §11.4.2, bit positions as Linux's cap_* macros
 * (drivers/iommu/intel/iommu.h) and QEMU's VTD_CAP_* (hw/i386/intel_iommu_internal.h): ND 2:0,
 * RWBF 4, CM 7, SAGAW 12:8, MGAW 21:16, FRO 33:24, SLLPS 37:34, NFR 47:40.
 */
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

/** ECAP register (offset 0x10), VT-d 4.1 §11.4.3; Linux ecap_*: C 0, QI 1, DT 2, IR 3, PT 6, SC 7, SMTS 43. */
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
