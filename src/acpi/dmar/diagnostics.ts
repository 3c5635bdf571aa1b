/**
 * Every problem the DMAR reader reports: one stable code, one message builder, in one file, so the
 * words match between the CLI, the UI and the tests. Messages name the byte offset in hex.
 */

export type DiagnosticCode =
  | 'not-dmar'
  | 'header-truncated'
  | 'table-length-too-small'
  | 'table-truncated'
  | 'trailing-bytes'
  | 'checksum-mismatch'
  | 'structure-header-truncated'
  | 'zero-length-structure'
  | 'structure-length-too-small'
  | 'structure-passes-table-end'
  | 'unknown-structure-type'
  | 'scope-header-truncated'
  | 'scope-length-too-small'
  | 'scope-passes-structure-end'
  | 'scope-length-odd'
  | 'andd-name-unterminated'
  | 'text-no-dmar'
  | 'text-bad-line'
  | 'text-length-mismatch';

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: DiagnosticCode;
  /** Byte offset in the table (for text inputs: in the table rebuilt from the text). */
  readonly offset: number;
  readonly length: number;
  /** Where in the decoded tree: e.g. ['DRHD#0', 'scope#2', 'Length']. */
  readonly path: readonly string[];
  readonly message: string;
}

/** "0x30" — offsets and lengths in messages are hex, as iasl and acpidump print them. */
export const hexOffset = (n: number): string => `0x${n.toString(16)}`;

interface Where {
  readonly offset: number;
  readonly length: number;
  readonly path: readonly string[];
}

const make =
  (severity: Diagnostic['severity'], code: DiagnosticCode) =>
  (where: Where, message: string): Diagnostic => ({ severity, code, ...where, message });

/** Message builders, one per code. `at` is where the problem sits, already clipped to the buffer. */
export const DIAGNOSTICS = {
  notDmar: (at: Where, found: string) =>
    make('error', 'not-dmar')(at, `not a DMAR table: the signature at 0x0 is ${found}, expected "DMAR"`),
  headerTruncated: (at: Where, size: number) =>
    make('error', 'header-truncated')(at, `header truncated at ${hexOffset(size)}: the DMAR header is 48 bytes (0x30), only ${size} present`),
  tableLengthTooSmall: (at: Where, length: number) =>
    make('error', 'table-length-too-small')(at, `header Length at 0x4 is ${hexOffset(length)}, smaller than the 48-byte (0x30) DMAR header`),
  tableTruncated: (at: Where, length: number, size: number) =>
    make('error', 'table-truncated')(at, `table truncated at ${hexOffset(size)}: header Length at 0x4 says ${hexOffset(length)} bytes, only ${hexOffset(size)} present`),
  trailingBytes: (at: Where, length: number, size: number) =>
    make('warning', 'trailing-bytes')(at, `${size - length} bytes after the table end at ${hexOffset(length)} (header Length) are ignored`),
  checksumMismatch: (at: Where, stored: number, expected: number) =>
    make('warning', 'checksum-mismatch')(
      at,
      `checksum at 0x9 is 0x${stored.toString(16).padStart(2, '0')}, should be 0x${expected.toString(16).padStart(2, '0')} (bytes do not sum to 0 mod 256)`,
    ),
  structureHeaderTruncated: (at: Where, left: number) =>
    make('error', 'structure-header-truncated')(at, `structure at ${hexOffset(at.offset)}: only ${left} byte(s) left before the table end, a structure header is 4 bytes`),
  zeroLengthStructure: (at: Where, name: string) =>
    make('error', 'zero-length-structure')(at, `${name} at ${hexOffset(at.offset)}: Length is 0; parsing stops here (Linux: "Invalid 0-length structure")`),
  structureLengthTooSmall: (at: Where, name: string, length: number, minimum: number) =>
    make('error', 'structure-length-too-small')(
      at,
      `${name} at ${hexOffset(at.offset)}: Length ${hexOffset(length)} is shorter than its ${minimum}-byte (${hexOffset(minimum)}) fixed part`,
    ),
  structurePassesTableEnd: (at: Where, name: string, length: number, tableEnd: number) =>
    make('error', 'structure-passes-table-end')(
      at,
      `${name} at ${hexOffset(at.offset)}: Length ${hexOffset(length)} passes the table end (${hexOffset(tableEnd)}) (Linux: "Record passes table end")`,
    ),
  unknownStructureType: (at: Where, typeCode: number) =>
    make('warning', 'unknown-structure-type')(at, `structure at ${hexOffset(at.offset)}: unknown type ${typeCode} kept as raw bytes (reserved in VT-d; Linux skips it)`),
  scopeHeaderTruncated: (at: Where, owner: string, left: number) =>
    make('error', 'scope-header-truncated')(at, `${owner}: device scope at ${hexOffset(at.offset)} has only ${left} byte(s) before the structure end, a scope header is 6 bytes`),
  scopeLengthTooSmall: (at: Where, owner: string, length: number) =>
    make('error', 'scope-length-too-small')(at, `${owner}: device scope at ${hexOffset(at.offset)} has Length ${length}, the minimum is 6 (header only)`),
  scopePassesStructureEnd: (at: Where, owner: string, length: number, end: number) =>
    make('error', 'scope-passes-structure-end')(
      at,
      `${owner}: device scope at ${hexOffset(at.offset)} with Length ${hexOffset(length)} passes the structure end (${hexOffset(end)})`,
    ),
  scopeLengthOdd: (at: Where, owner: string, length: number) =>
    make('warning', 'scope-length-odd')(at, `${owner}: device scope at ${hexOffset(at.offset)} has Length ${length}; 6 + 2 per path entry is even, the last byte is ignored`),
  anddNameUnterminated: (at: Where, name: string) =>
    make('warning', 'andd-name-unterminated')(at, `${name} at ${hexOffset(at.offset)}: ACPI object name is not NUL-terminated within the structure Length`),
  textNoDmar: (at: Where, what: string) => make('error', 'text-no-dmar')(at, what),
  textBadLine: (at: Where, line: number, what: string) => make('error', 'text-bad-line')(at, `line ${line}: ${what}`),
  textLengthMismatch: (at: Where, what: string) => make('warning', 'text-length-mismatch')(at, what),
} as const;
