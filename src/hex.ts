/**
 * Addresses and entry values are bigint in the engine and lower-case "0x…" strings at every text
 * boundary (JSON, URL, CLI, storage). Brands keep an IOVA from flowing where an HPA is due.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** An address a device puts on the bus (the DMA address; in VFIO, a guest-physical address). */
export type Iova = Brand<bigint, 'Iova'>;
/** A host-physical address: what memory sees. */
export type Hpa = Brand<bigint, 'Hpa'>;
/** A guest-physical address (VFIO): what the guest's driver programs into its device. */
export type Gpa = Brand<bigint, 'Gpa'>;

export const iova = (value: bigint): Iova => value as Iova;
export const hpa = (value: bigint): Hpa => value as Hpa;
export const gpa = (value: bigint): Gpa => value as Gpa;

const U64_MAX = (1n << 64n) - 1n;

/** "0x" and lower-case hex digits; `pad` zero-pads to that many digits (16 for a qword). */
export function toHex(value: bigint, pad = 0): string {
  return `0x${value.toString(16).padStart(pad, '0')}`;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A hex parse failure says whether the text was not hex at all or too large. */
export type HexResult = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly error: string; readonly tooLarge: boolean };

const HEX = /^0x[0-9a-f]+$/i;

/**
 * Parses "0x…" (either case) into an unsigned 64-bit value. Bad text returns `ok: false` with a
 * sentence saying what was expected; it never throws.
 */
export function parseHex(text: string): HexResult {
  const trimmed = text.trim();
  if (!HEX.test(trimmed)) return { ok: false, error: `"${text}" is not a hex string (expected 0x followed by hex digits)`, tooLarge: false };
  const value = BigInt(trimmed);
  if (value > U64_MAX) return { ok: false, error: `"${text}" does not fit in 64 bits`, tooLarge: true };
  return { ok: true, value };
}
