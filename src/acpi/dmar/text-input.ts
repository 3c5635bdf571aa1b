import { DIAGNOSTICS, type Diagnostic } from './diagnostics.ts';
import { assembleHexLines, MAX_TEXT_TABLE, readHexLine, type HexLine } from './hex-dump.ts';
import { isIaslListing, readIaslListing, type TextTable } from './iasl-listing.ts';
import { parseDmar, type DmarParse } from './parse.ts';

/** How the input was given: the table itself, `acpidump` text, or an `iasl -d` listing. */
export type InputFormat = 'binary' | 'acpidump' | 'iasl';

export interface DmarInput extends DmarParse {
  readonly format: InputFormat;
  /** The table bytes the diagnostics' offsets refer to (for text inputs: rebuilt from the text). */
  readonly bytes: Uint8Array;
}

/**
 * Decodes a DMAR table given as bytes in any of the three forms, detecting which. Never throws;
 * text that holds no DMAR table gives one error diagnostic.
 */
export function parseDmarInput(input: Uint8Array): DmarInput {
  const format = detectFormat(input);
  if (format === 'text') {
    const message = 'not a DMAR table: the text is neither acpidump output ("0000: 44 4D 41 52 …" lines) nor an iasl -d listing ("[000h 0000   4]  Signature : …")';
    return { format: 'binary', bytes: input, table: undefined, diagnostics: [DIAGNOSTICS.textNoDmar(nowhere, message)] };
  }
  if (format === 'binary') return { format, bytes: input, ...parseDmar(input) };
  const lines = latin1Text(input).split(/\r?\n|\r/);
  const text = format === 'iasl' ? readIaslListing(lines) : readAcpidump(lines);
  const parsed = parseDmar(text.bytes);
  return { format, bytes: text.bytes, table: parsed.table, diagnostics: [...text.diagnostics, ...parsed.diagnostics] };
}

const DMAR = [0x44, 0x4d, 0x41, 0x52];

/** acpidump's own first line starts with "DMAR" too: `DMAR @ 0x…`. */
const AT = [0x20, 0x40, 0x20];

/**
 * Binary when it starts with the signature (and is not acpidump's `DMAR @` line) or holds control
 * bytes text never has; else by what the lines look like; 'text' when they look like neither.
 */
function detectFormat(input: Uint8Array): InputFormat | 'text' {
  if (DMAR.every((b, i) => input[i] === b) && !AT.every((b, i) => input[i + 4] === b)) return 'binary';
  for (const b of input.subarray(0, 4096)) if (b < 0x09 || (b > 0x0d && b < 0x20)) return 'binary';
  const lines = latin1Text(input.subarray(0, 1 << 16)).split(/\r?\n|\r/);
  if (isIaslListing(lines)) return 'iasl';
  if (lines.some((line) => readHexLine(line) !== undefined)) return 'acpidump';
  return input.length === 0 ? 'binary' : 'text';
}

function latin1Text(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** `DMAR @ 0x0000000000000000` — acpidump's line before each table's dump. */
const TABLE_HEADER = /^\s*([A-Za-z0-9_!$ ]{4}) @ 0x[0-9A-Fa-f]+\s*$/;

const nowhere = { offset: 0, length: 0, path: ['text'] } as const;

/**
 * acpidump output: one `SIG @ 0x…` line and a hex dump per table. The DMAR block is chosen among
 * the others; a dump with no `@` lines is read as one table. Bytes past the dumped table's Length
 * (an ASCII column taken for hex, for instance) are cut off.
 */
export function readAcpidump(lines: readonly string[]): TextTable {
  const headers = lines.flatMap((line, i) => {
    const m = TABLE_HEADER.exec(line.slice(0, 64));
    return m === null ? [] : [{ signature: m[1] ?? '', line: i }];
  });
  let block: readonly string[] = lines;
  if (headers.length > 0) {
    const at = headers.findIndex((h) => h.signature === 'DMAR');
    const found = headers[at];
    if (found === undefined) {
      const names = [...new Set(headers.map((h) => h.signature))].join(', ');
      return { bytes: new Uint8Array(0), diagnostics: [DIAGNOSTICS.textNoDmar(nowhere, `no DMAR table in the acpidump text (tables found: ${names})`)] };
    }
    block = lines.slice(found.line + 1, headers[at + 1]?.line ?? lines.length);
  }
  const hexLines: HexLine[] = [];
  for (const line of block) {
    const hex = readHexLine(line);
    if (hex !== undefined) hexLines.push(hex);
  }
  const { bytes, dropped } = assembleHexLines(hexLines);
  const diagnostics: Diagnostic[] = [];
  if (dropped > 0) diagnostics.push(DIAGNOSTICS.textBadLine(nowhere, (headers[0]?.line ?? 0) + 1, `${dropped} hex line(s) beyond ${MAX_TEXT_TABLE} bytes ignored`));
  const length = bytes.length >= 8 ? (bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24) : 0;
  return { bytes: length >= 48 && length < bytes.length ? bytes.slice(0, length) : bytes, diagnostics };
}
