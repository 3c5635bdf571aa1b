/**
 * Little-endian reads from a table's bytes (ACPI tables are little-endian). Callers check bounds
 * first; these never read past `bytes.length` (a missing byte reads as 0).
 */

export const u8 = (bytes: Uint8Array, offset: number): number => bytes[offset] ?? 0;

export const u16 = (bytes: Uint8Array, offset: number): number => u8(bytes, offset) | (u8(bytes, offset + 1) << 8);

export const u32 = (bytes: Uint8Array, offset: number): number => (u16(bytes, offset) | (u16(bytes, offset + 2) << 16)) >>> 0;

export const u64 = (bytes: Uint8Array, offset: number): bigint =>
  (BigInt(u32(bytes, offset + 4)) << 32n) | BigInt(u32(bytes, offset));

/** A little-endian unsigned value of 1–8 bytes, as bigint (for byte-range views). */
export function uint(bytes: Uint8Array, offset: number, size: number): bigint {
  let value = 0n;
  for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(u8(bytes, offset + i));
  return value;
}

/** Bytes as characters, one per byte (Latin-1), as ACPI's fixed-width ID fields are read. */
export function latin1(bytes: Uint8Array, offset: number, size: number): string {
  let text = '';
  for (let i = offset; i < offset + size && i < bytes.length; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

/** An ACPI ID field without its padding: trailing spaces and NULs removed. */
export const idField = (bytes: Uint8Array, offset: number, size: number): string =>
  latin1(bytes, offset, size).replace(/[ \0]+$/, '');
