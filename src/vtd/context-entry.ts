import { bit, bits, type FieldLayout } from '../bits.ts';
import { hpa, type Hpa } from '../hex.ts';
import { aboveHaw } from './root-entry.ts';

/**
 * Legacy context entry (128 bits), VT-d 4.1 §9.3: P 0, FPD 1, TT 3:2, SLPTPTR 63:12, AW 66:64,
 * AVL 70:67, DID 87:72; bits 11:4, 71 and 127:88 reserved.
 */
export const CONTEXT_ENTRY_LAYOUT: readonly FieldLayout[] = [
  { name: 'P', hi: 0, lo: 0, title: 'Present' },
  { name: 'FPD', hi: 1, lo: 1, title: 'Fault processing disable: qualified faults are not recorded' },
  { name: 'TT', hi: 3, lo: 2, title: 'Translation type: 00 translate, 01 translate + device-TLB, 10 pass-through, 11 reserved' },
  { name: 'Reserved', hi: 11, lo: 4, title: 'Reserved (must be 0)' },
  { name: 'SLPTPTR', hi: 63, lo: 12, title: 'Second-level page-table pointer (4 KiB aligned)', address: true },
  { name: 'AW', hi: 66, lo: 64, title: 'Address width: 1 = 39-bit/3-level, 2 = 48-bit/4-level, 3 = 57-bit/5-level' },
  { name: 'AVL', hi: 70, lo: 67, title: 'Available to software (ignored)' },
  { name: 'Reserved', hi: 71, lo: 71, title: 'Reserved (must be 0)' },
  { name: 'DID', hi: 87, lo: 72, title: 'Domain identifier: tags IOTLB entries of this domain' },
  { name: 'Reserved', hi: 127, lo: 88, title: 'Reserved (must be 0)' },
];

/** Context-entry TT (VT-d 4.1 §9.3, Linux CONTEXT_TT_*). */
export type TranslationType = 0 | 1 | 2 | 3;
export const TT_MULTI_LEVEL = 0;
export const TT_PASS_THROUGH = 2;

export const TT_NAMES: Readonly<Record<TranslationType, string>> = {
  0: 'untranslated requests walk the second-level tables (CONTEXT_TT_MULTI_LEVEL)',
  1: 'as 00, and device-TLB (ATS) requests allowed (CONTEXT_TT_DEV_IOTLB)',
  2: 'pass-through: the DMA address is the host-physical address (CONTEXT_TT_PASS_THROUGH)',
  3: 'reserved in legacy mode',
};

export interface ContextEntry {
  readonly raw: readonly [lo: bigint, hi: bigint];
  readonly present: boolean;
  readonly fpd: boolean;
  readonly tt: TranslationType;
  readonly slptptr: Hpa;
  readonly aw: number;
  readonly did: number;
}

export function decodeContextEntry(lo: bigint, hi: bigint): ContextEntry {
  return {
    raw: [lo, hi],
    present: bit(lo, 0),
    fpd: bit(lo, 1),
    tt: Number(bits(lo, 3, 2)) as TranslationType,
    slptptr: hpa(bits(lo, 63, 12) << 12n),
    aw: Number(bits(hi, 2, 0)),
    did: Number(bits(hi, 23, 8)),
  };
}

export function encodeContextEntry(fields: {
  present: boolean;
  fpd?: boolean;
  tt: TranslationType;
  slptptr: Hpa;
  aw: number;
  did: number;
}): readonly [bigint, bigint] {
  const lo = (fields.slptptr & ~0xfffn) | (BigInt(fields.tt) << 2n) | (fields.fpd ? 2n : 0n) | (fields.present ? 1n : 0n);
  const hi = (BigInt(fields.did & 0xffff) << 8n) | BigInt(fields.aw & 7);
  return [lo, hi];
}

/**
 * Reserved bits of a legacy context entry as QEMU checks them (VTD_CONTEXT_ENTRY_RSVD_LO/HI):
 * lo 11:4 and at/above the host address width; hi 0xFFFFFFFFFF000080 (bit 71 and 127:88).
 */
export function contextEntryReservedMask(haw: number): readonly [lo: bigint, hi: bigint] {
  return [0xff0n | aboveHaw(haw), 0xffff_ffff_ff00_0080n];
}
