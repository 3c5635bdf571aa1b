/**
 * The hex-dump lines that acpidump and iasl print: `    0010: 42 58 50 43 …  BXPC…` (acpidump) or
 * `    0010: 42 58 … // BXPC…` (iasl's "Raw Table Data"). An offset, then up to 16 bytes; whatever
 * follows the bytes (the ASCII column, with one or two spaces before it) is ignored.
 */

const HEX_LINE = /^\s*([0-9A-Fa-f]{4,8}):((?:\s[0-9A-Fa-f]{2}){1,16})(?=\s|$)/;
/** Hex-dump lines are about 80 characters; longer ones are cut before matching. */
const MAX_LINE = 256;

/** The largest table rebuilt from text: DMAR Length is 32-bit, real tables are a few KiB. */
export const MAX_TEXT_TABLE = 1 << 20;

export interface HexLine {
  readonly offset: number;
  readonly bytes: readonly number[];
}

/** A hex-dump line, or undefined when the line is not one. */
export function readHexLine(line: string): HexLine | undefined {
  const m = HEX_LINE.exec(line.slice(0, MAX_LINE));
  if (m === null) return undefined;
  const [, offset = '', hex = ''] = m;
  const bytes = hex.trim().split(/\s+/).map((h) => Number.parseInt(h, 16));
  return { offset: Number.parseInt(offset, 16), bytes };
}

/**
 * Places the lines' bytes at their offsets. Lines past MAX_TEXT_TABLE are dropped and counted.
 * The result ends at the last byte placed.
 */
export function assembleHexLines(lines: readonly HexLine[]): { bytes: Uint8Array; dropped: number } {
  let size = 0;
  let dropped = 0;
  for (const line of lines) {
    const end = line.offset + line.bytes.length;
    if (end > MAX_TEXT_TABLE) dropped++;
    else size = Math.max(size, end);
  }
  const bytes = new Uint8Array(size);
  for (const line of lines) {
    if (line.offset + line.bytes.length > MAX_TEXT_TABLE) continue;
    bytes.set(line.bytes, line.offset);
  }
  return { bytes, dropped };
}
