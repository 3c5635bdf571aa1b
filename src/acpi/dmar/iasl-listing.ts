import { DIAGNOSTICS, type Diagnostic } from './diagnostics.ts';
import { assembleHexLines, MAX_TEXT_TABLE, readHexLine, type HexLine } from './hex-dump.ts';

/**
 * `iasl -d` listings (.dsl). ACPICA prints each field as `[HexOffset DecimalOffset ByteLength]
 * Name : Value`; the byte length is decimal (`[000h 0000   4]`, ACPICA ≥ 2013) or hex with an h
 * (`[000h 0000 004h]`, older releases). Newer releases append the whole table as "Raw Table Data";
 * when present those bytes are used as they are, else the table is rebuilt from the fields.
 */

const FIELD_PREFIX = /^\s*\[([0-9A-Fa-f]+)h\s+(\d+)\s+([0-9A-Fa-f]+)(h?)\]/;
const RAW_HEADER = /Raw Table Data:\s*Length\s+(\d+)/;

/** Real listing lines are under 200 characters; longer ones are cut before matching, so a hostile line cannot make the patterns slow. */
const MAX_LINE = 512;

interface FieldMatch {
  readonly hexOffset: string;
  readonly size: string;
  readonly hexSize: boolean;
  readonly value: string;
}

/** `[HexOff DecOff Len]  Name : Value`, split without a backtracking pattern over the name. */
function fieldMatch(text: string): FieldMatch | undefined {
  const line = text.slice(0, MAX_LINE);
  const m = FIELD_PREFIX.exec(line);
  if (m === null) return undefined;
  const colon = line.indexOf(' : ', m[0].length);
  if (colon === -1) return undefined;
  return { hexOffset: m[1] ?? '', size: m[3] ?? '', hexSize: m[4] === 'h', value: line.slice(colon + 3).trim() };
}

export const isIaslListing = (lines: readonly string[]): boolean =>
  lines.some((line) => fieldMatch(line) !== undefined || RAW_HEADER.test(line.slice(0, MAX_LINE)));

export interface TextTable {
  readonly bytes: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

const nowhere = { offset: 0, length: 0, path: ['text'] } as const;

/** The table's bytes from a listing: its raw dump when it has one, else its fields. */
export function readIaslListing(lines: readonly string[]): TextTable {
  const rawAt = lines.findIndex((line) => RAW_HEADER.test(line.slice(0, MAX_LINE)));
  if (rawAt !== -1) {
    const raw = rawDump(lines, rawAt);
    if (raw.bytes.length > 0) return raw;
  }
  return fromFields(lines);
}

function rawDump(lines: readonly string[], rawAt: number): TextTable {
  const diagnostics: Diagnostic[] = [];
  const hexLines: HexLine[] = [];
  for (const line of lines.slice(rawAt + 1)) {
    const hex = readHexLine(line);
    if (hex !== undefined) hexLines.push(hex);
  }
  const { bytes, dropped } = assembleHexLines(hexLines);
  const declared = Number(RAW_HEADER.exec((lines[rawAt] ?? '').slice(0, MAX_LINE))?.[1] ?? '0');
  if (dropped > 0) diagnostics.push(DIAGNOSTICS.textBadLine(nowhere, rawAt + 1, `${dropped} raw-data line(s) beyond ${MAX_TEXT_TABLE} bytes ignored`));
  if (declared !== bytes.length) {
    diagnostics.push(DIAGNOSTICS.textLengthMismatch(nowhere, `line ${rawAt + 1}: "Raw Table Data" says ${declared} bytes, the dump holds ${bytes.length}`));
  }
  return { bytes, diagnostics };
}

interface FieldLine {
  readonly line: number;
  readonly offset: number;
  readonly size: number;
  readonly value: string;
}

function fromFields(lines: readonly string[]): TextTable {
  const diagnostics: Diagnostic[] = [];
  const fields: FieldLine[] = [];
  lines.forEach((text, i) => {
    const m = fieldMatch(text);
    if (m === undefined) return;
    const field = { line: i + 1, offset: Number.parseInt(m.hexOffset, 16), size: Number.parseInt(m.size, m.hexSize ? 16 : 10), value: m.value };
    // A mangled offset or size column reads as NaN, which no comparison catches: refuse it by name.
    if (!Number.isSafeInteger(field.offset) || !Number.isSafeInteger(field.size)) {
      diagnostics.push(DIAGNOSTICS.textBadLine(nowhere, field.line, 'the offset or size column is not a number; field ignored'));
    } else if (field.offset + field.size > MAX_TEXT_TABLE) {
      diagnostics.push(DIAGNOSTICS.textBadLine(nowhere, field.line, `field at 0x${field.offset.toString(16)} lies beyond ${MAX_TEXT_TABLE} bytes; ignored`));
    } else fields.push(field);
  });
  const bytes = new Uint8Array(fields.reduce((end, f) => Math.max(end, f.offset + f.size), 0));
  for (const field of fields) {
    const value = fieldBytes(field);
    if (value === undefined) diagnostics.push(DIAGNOSTICS.textBadLine(nowhere, field.line, `cannot read the value "${field.value}" of the field at 0x${field.offset.toString(16)}`));
    else bytes.set(value.slice(0, field.size), field.offset);
  }
  return { bytes, diagnostics };
}

const BYTE_LIST = /^([0-9A-Fa-f]{2})(\s[0-9A-Fa-f]{2})+(\s|$)/;
const PCI_PATH = /^([0-9A-Fa-f]{2}),([0-9A-Fa-f]{2})\b/;
const INTEGER = /^([0-9A-Fa-f]+)\b/;

/** A field value as bytes: a quoted string, a byte list, a "dd,ff" PCI path, or a hex integer. */
function fieldBytes({ size, value }: FieldLine): number[] | undefined {
  if (value.startsWith('"')) {
    const close = value.indexOf('"', 1);
    const text = value.slice(1, close === -1 ? undefined : close);
    return Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  }
  const list = BYTE_LIST.exec(value);
  if (list !== null && size > 1) return list[0].trim().split(/\s+/).map((h) => Number.parseInt(h, 16));
  const path = PCI_PATH.exec(value);
  if (path !== null) return [Number.parseInt(path[1] ?? '', 16), Number.parseInt(path[2] ?? '', 16)];
  const integer = INTEGER.exec(value);
  if (integer === null || size > 8) return undefined;
  let n = BigInt(`0x${integer[1] ?? '0'}`);
  const out: number[] = [];
  for (let i = 0; i < size; i++, n >>= 8n) out.push(Number(n & 0xffn));
  return out;
}
