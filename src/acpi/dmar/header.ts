import { DIAGNOSTICS, type Diagnostic } from './diagnostics.ts';
import type { ByteField } from './structure-spec.ts';
import type { DmarHeader } from './table.ts';
import { idField, latin1, u32, u8 } from './table-bytes.ts';

export const DMAR_HEADER_SIZE = 48;

/** ACPI table header (ACPI 6.5 §5.2.6) plus the DMAR fields, VT-d 4.1 §8.1. */
export const HEADER_FIELDS: readonly ByteField[] = [
  { name: 'Signature', offset: 0, size: 4 },
  { name: 'Length', offset: 4, size: 4 },
  { name: 'Revision', offset: 8, size: 1 },
  { name: 'Checksum', offset: 9, size: 1 },
  { name: 'OEM ID', offset: 10, size: 6 },
  { name: 'OEM Table ID', offset: 16, size: 8 },
  { name: 'OEM Revision', offset: 24, size: 4 },
  { name: 'Creator ID', offset: 28, size: 4 },
  { name: 'Creator Revision', offset: 32, size: 4 },
  { name: 'Host Address Width', offset: 36, size: 1 },
  { name: 'Flags', offset: 37, size: 1 },
  { name: 'Reserved', offset: 38, size: 10 },
];

/** Where the remapping structures are: [48, tableEnd). */
export interface HeaderRead {
  readonly header: DmarHeader;
  readonly tableEnd: number;
}

const printable = (text: string): string => JSON.stringify(text);

/**
 * Reads and checks the 48-byte header. Not a DMAR, or fewer than 48 bytes: `undefined` with an
 * error. A Length that lies is reported and the table is read to the smaller of Length and the
 * bytes present; a bad checksum is a warning (ACPICA only warns: AcpiUtVerifyChecksum).
 */
export function readHeader(bytes: Uint8Array, diagnostics: Diagnostic[]): HeaderRead | undefined {
  const signature = latin1(bytes, 0, 4);
  if (signature !== 'DMAR') {
    const found = bytes.length === 0 ? 'missing (empty input)' : printable(signature);
    diagnostics.push(DIAGNOSTICS.notDmar({ offset: 0, length: Math.min(4, bytes.length), path: ['header', 'Signature'] }, found));
    return undefined;
  }
  if (bytes.length < DMAR_HEADER_SIZE) {
    diagnostics.push(DIAGNOSTICS.headerTruncated({ offset: bytes.length, length: 0, path: ['header'] }, bytes.length));
    return undefined;
  }
  const length = u32(bytes, 4);
  let tableEnd = Math.min(length, bytes.length);
  if (length < DMAR_HEADER_SIZE) {
    diagnostics.push(DIAGNOSTICS.tableLengthTooSmall({ offset: 4, length: 4, path: ['header', 'Length'] }, length));
    tableEnd = bytes.length;
  } else if (length > bytes.length) {
    diagnostics.push(DIAGNOSTICS.tableTruncated({ offset: 4, length: 4, path: ['header', 'Length'] }, length, bytes.length));
  } else if (length < bytes.length) {
    diagnostics.push(DIAGNOSTICS.trailingBytes({ offset: length, length: bytes.length - length, path: ['header', 'Length'] }, length, bytes.length));
  }
  const checksum = u8(bytes, 9);
  const sum = checksumOf(bytes.subarray(0, tableEnd));
  const complete = length >= DMAR_HEADER_SIZE && length <= bytes.length;
  const checksumValid = complete && sum === 0;
  if (complete && sum !== 0) {
    diagnostics.push(DIAGNOSTICS.checksumMismatch({ offset: 9, length: 1, path: ['header', 'Checksum'] }, checksum, (checksum - sum) & 0xff));
  }
  return {
    tableEnd,
    header: {
      signature,
      length,
      revision: u8(bytes, 8),
      checksum,
      checksumValid,
      oemId: idField(bytes, 10, 6),
      oemTableId: idField(bytes, 16, 8),
      oemRevision: u32(bytes, 24),
      creatorId: idField(bytes, 28, 4),
      creatorRevision: u32(bytes, 32),
      haw: u8(bytes, 36) + 1,
      flags: u8(bytes, 37),
    },
  };
}

/** Sum of all bytes mod 256 (0 for a valid ACPI table). */
export function checksumOf(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return sum;
}
