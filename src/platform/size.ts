import { parseHex, type ParseResult } from '../hex.ts';

const UNITS: Readonly<Record<string, bigint>> = { KiB: 1n << 10n, MiB: 1n << 20n, GiB: 1n << 30n, TiB: 1n << 40n };

/**
 * A memory size as users write it: "4GiB", "512MiB", "64KiB", "1TiB" (binary units) or hex
 * "0x100000000". Anything else returns `ok: false` with the accepted forms; it never throws.
 */
export function parseSize(text: string): ParseResult<bigint> {
  const m = /^(\d+)(KiB|MiB|GiB|TiB)$/.exec(text.trim());
  if (m) return { ok: true, value: BigInt(m[1] ?? '0') * (UNITS[m[2] ?? ''] ?? 0n) };
  const hex = parseHex(text);
  if (hex.ok) return hex;
  return { ok: false, error: `"${text}" is not a size (expected e.g. 4GiB, 512MiB or 0x100000000)` };
}
