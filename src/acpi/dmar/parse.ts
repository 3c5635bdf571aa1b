import { ANDD } from './andd.ts';
import { ATSR } from './atsr.ts';
import { parseDeviceScopes } from './device-scope.ts';
import { DIAGNOSTICS, type Diagnostic } from './diagnostics.ts';
import { DRHD } from './drhd.ts';
import { DMAR_HEADER_SIZE, readHeader } from './header.ts';
import { RHSA } from './rhsa.ts';
import { RMRR } from './rmrr.ts';
import { SATC } from './satc.ts';
import { SIDP } from './sidp.ts';
import type { StructureSpec } from './structure-spec.ts';
import type { DeviceScope, DmarStructure, DmarTable, StructureType } from './table.ts';
import { u16 } from './table-bytes.ts';

/** The seven structure types, by type code (VT-d 4.1 §8.2 Table 8). */
export const STRUCTURE_SPECS: readonly StructureSpec[] = [DRHD, RMRR, ATSR, RHSA, ANDD, SATC, SIDP] as readonly StructureSpec[];

export interface DmarParse {
  /** Undefined when the bytes are not a DMAR table or its header is incomplete. */
  readonly table: DmarTable | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Decodes a binary DMAR table. Never throws: each problem becomes a diagnostic naming its byte
 * offset, and everything before it (and, where the Length can be trusted, after it) is decoded.
 * The walk follows Linux dmar_walk_remapping_entries() (v6.x/7.0): stop at a 0-length structure,
 * stop at one passing the table end, keep going after unknown types.
 */
export function parseDmar(input: Uint8Array): DmarParse {
  const diagnostics: Diagnostic[] = [];
  const read = readHeader(input, diagnostics);
  if (read === undefined) return { table: undefined, diagnostics };
  const bytes = input.subarray(0, read.tableEnd);
  const structures = walkStructures(bytes, diagnostics);
  return { table: { header: read.header, structures, bytes }, diagnostics };
}

function walkStructures(bytes: Uint8Array, diagnostics: Diagnostic[]): DmarStructure[] {
  const structures: DmarStructure[] = [];
  const counts = new Map<StructureType, number>();
  const end = bytes.length;
  for (let at = DMAR_HEADER_SIZE; at < end; ) {
    const left = end - at;
    if (left < 4) {
      diagnostics.push(DIAGNOSTICS.structureHeaderTruncated({ offset: at, length: left, path: [`structure@0x${at.toString(16)}`] }, left));
      break;
    }
    const typeCode = u16(bytes, at);
    const length = u16(bytes, at + 2);
    const spec = STRUCTURE_SPECS[typeCode];
    const available = Math.min(length, left);
    // A known type too short for its fixed part is kept as raw bytes, so it is counted as unknown.
    const fits = spec !== undefined && available >= spec.fixedSize;
    const type: StructureType = fits ? spec.type : 'unknown';
    const index = counts.get(type) ?? 0;
    // Messages name a known type even when its bytes are kept raw: "DRHD at 0x30", not "unknown#0".
    const label = fits || spec === undefined ? `${type}#${index}` : spec.type;
    const lengthAt = { offset: at + 2, length: 2, path: [label, 'Length'] };
    if (length === 0) {
      diagnostics.push(DIAGNOSTICS.zeroLengthStructure({ ...lengthAt, offset: at, length: 4 }, label));
      break;
    }
    if (length < 4) {
      diagnostics.push(DIAGNOSTICS.structureLengthTooSmall({ ...lengthAt, offset: at }, label, length, 4));
      break;
    }
    const passes = length > left;
    if (passes) diagnostics.push(DIAGNOSTICS.structurePassesTableEnd({ offset: at, length: left, path: [label, 'Length'] }, label, length, end));
    const base = { offset: at, length, typeCode, index };
    counts.set(type, index + 1);
    structures.push(decodeStructure(bytes, { base, spec, label, available }, diagnostics));
    if (passes) break;
    at += length;
  }
  return structures;
}

interface Located {
  readonly base: { offset: number; length: number; typeCode: number; index: number };
  readonly spec: StructureSpec | undefined;
  readonly label: string;
  /** Bytes of the structure present in the table (Length clipped to the table end). */
  readonly available: number;
}

function decodeStructure(bytes: Uint8Array, { base, spec, label, available }: Located, diagnostics: Diagnostic[]): DmarStructure {
  const raw = (): DmarStructure => ({ type: 'unknown', ...base, bytes: bytes.slice(base.offset, base.offset + available) });
  if (spec === undefined) {
    diagnostics.push(DIAGNOSTICS.unknownStructureType({ offset: base.offset, length: 2, path: [label, 'Type'] }, base.typeCode));
    return raw();
  }
  if (available < spec.fixedSize) {
    // A Length that passes the table end was reported already; only a Length below the fixed part is new.
    if (base.length < spec.fixedSize) {
      const at = { offset: base.offset, length: available, path: [label, 'Length'] };
      diagnostics.push(DIAGNOSTICS.structureLengthTooSmall(at, label, base.length, spec.fixedSize));
    }
    return raw();
  }
  const end = base.offset + available;
  const scopes: DeviceScope[] = spec.hasScopes ? parseDeviceScopes(bytes, base.offset + spec.fixedSize, end, { label }, diagnostics) : [];
  const structure = spec.decode(bytes, base, scopes);
  if (structure.type === 'ANDD' && !structure.nameTerminated) {
    diagnostics.push(DIAGNOSTICS.anddNameUnterminated({ offset: base.offset + 8, length: available - 8, path: [label, 'ACPI Object Name'] }, label));
  }
  return structure;
}
