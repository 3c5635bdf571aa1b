import { bit, bits, fieldsOf, type Field, type FieldLayout } from '../bits.ts';
import { hpa, type Hpa } from '../hex.ts';

/** Legacy root entry (128 bits), VT-d 4.1 §9.1: P 0, CTP 63:12; bits 11:1 and 127:64 reserved. */
export const ROOT_ENTRY_LAYOUT: readonly FieldLayout[] = [
  { name: 'P', hi: 0, lo: 0, title: 'Present: the context table for this bus exists' },
  { name: 'Reserved', hi: 11, lo: 1, title: 'Reserved (must be 0)' },
  { name: 'CTP', hi: 63, lo: 12, title: 'Context-table pointer (4 KiB aligned)', address: true },
  { name: 'Reserved', hi: 127, lo: 64, title: 'Reserved (must be 0)' },
];

export interface RootEntry {
  readonly raw: readonly [lo: bigint, hi: bigint];
  readonly present: boolean;
  /** Context-table pointer: bits 63:12, the base of this bus's context table. */
  readonly ctp: Hpa;
}

export function decodeRootEntry(lo: bigint, hi: bigint): RootEntry {
  return { raw: [lo, hi], present: bit(lo, 0), ctp: hpa(bits(lo, 63, 12) << 12n) };
}

export function encodeRootEntry(fields: { present: boolean; ctp: Hpa }): readonly [bigint, bigint] {
  return [(fields.ctp & ~0xfffn) | (fields.present ? 1n : 0n), 0n];
}

/**
 * Reserved bits of a legacy root entry as QEMU checks them (vtd_root_entry_rsvd_bits_check):
 * lo 11:1 and every bit at or above the host address width; the whole hi qword.
 */
export function rootEntryReservedMask(haw: number): readonly [lo: bigint, hi: bigint] {
  return [0xffen | aboveHaw(haw), (1n << 64n) - 1n];
}

/** Bits haw..63 of a qword. */
export const aboveHaw = (haw: number): bigint => ((1n << 64n) - 1n) & ~((1n << BigInt(haw)) - 1n);

/** Every field of a 128-bit entry, bit numbers counted from bit 0 of the low qword. */
export function fields128(layout: readonly FieldLayout[], lo: bigint, hi: bigint): Field[] {
  return fieldsOf(layout, (hi << 64n) | lo);
}
