import { toHex } from '../../hex.ts';
import { hexOffset } from './diagnostics.ts';
import { dmarFieldRanges, type FieldRange, type RangeGroup } from './field-ranges.ts';
import { checksumOf } from './header.ts';
import { scopeText } from './lint-finding.ts';
import { SCOPE_TYPE_NAMES, structureLabel, type DeviceScope, type DmarHeader, type DmarStructure, type DmarTable } from './table.ts';
import { latin1, uint } from './table-bytes.ts';

/**
 * The decoded table as the DMAR explorer shows it: the header, each structure and each device scope
 * as a group of fields, every field with its byte range, its raw value and what it means. Built in
 * the engine so the UI renders words and never reads a byte itself.
 */
export interface FieldNode {
  /** Index in `FieldTree.fieldCount` order; `byteField` refers to fields by this id. */
  readonly id: number;
  readonly name: string;
  readonly path: readonly string[];
  readonly offset: number;
  readonly length: number;
  /** The bytes as a little-endian number ("0xfed90000"), quoted text for ID/name fields, or the bytes for long ones. */
  readonly value: string;
  /** What the value means ("39 bits (field + 1)"); empty when the value says it all. */
  readonly meaning: string;
}

export interface FieldGroup {
  /** 'header', 'DRHD#0', 'scope#1'. */
  readonly label: string;
  /** 'header', a structure type ('DRHD' … 'unknown'), or 'scope'. */
  readonly kind: string;
  /** One line: what the group is, without its label. */
  readonly summary: string;
  readonly offset: number;
  readonly length: number;
  readonly fields: readonly FieldNode[];
  readonly children: readonly FieldGroup[];
}

export interface FieldTree {
  readonly header: FieldGroup;
  readonly structures: readonly FieldGroup[];
  readonly fieldCount: number;
  /** For each byte of `table.bytes`, the id of the field it belongs to, or -1 (bytes no field covers). */
  readonly byteField: Int32Array;
}

const TEXT_FIELDS = new Set(['Signature', 'OEM ID', 'OEM Table ID', 'Creator ID', 'ACPI Object Name']);
const HEADER_FLAGS = ['INTR_REMAP', 'X2APIC_OPT_OUT', 'DMA_CTRL_PLATFORM_OPT_IN_FLAG'];
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** Never throws: fields past the end of a truncated table are left out (dmarFieldRanges clips them). */
export function dmarFieldTree(table: DmarTable): FieldTree {
  const byteField = new Int32Array(table.bytes.length).fill(-1);
  let next = 0;
  const node = (range: FieldRange, meaning: string): FieldNode => {
    const id = next++;
    byteField.fill(id, range.offset, range.offset + range.length);
    const name = range.path[range.path.length - 1] ?? '';
    return { id, name, path: range.path, offset: range.offset, length: range.length, value: valueText(table.bytes, range, name), meaning };
  };
  const [headerRanges, ...structureRanges] = dmarFieldRanges(table);
  const header: FieldGroup = {
    label: 'header',
    kind: 'header',
    summary: headerSummary(table.header),
    offset: 0,
    length: headerRanges?.length ?? 0,
    fields: (headerRanges?.fields ?? []).map((f) => node(f, headerMeaning(table, f))),
    children: [],
  };
  const structures = table.structures.map((s, i): FieldGroup => {
    const ranges: RangeGroup | undefined = structureRanges[i];
    const scopes = 'deviceScopes' in s ? s.deviceScopes : [];
    return {
      label: structureLabel(s),
      kind: s.type,
      summary: structureSummary(s),
      offset: s.offset,
      length: ranges?.length ?? 0,
      fields: (ranges?.fields ?? []).map((f) => node(f, structureMeaning(s, f))),
      children: (ranges?.children ?? []).map((child, k): FieldGroup => {
        const scope = scopes[k];
        return {
          label: `scope#${k}`,
          kind: 'scope',
          summary: scope === undefined ? '' : scopeSummary(scope),
          offset: child.offset,
          length: child.length,
          fields: child.fields.map((f) => node(f, scope === undefined ? '' : scopeMeaning(scope, f))),
          children: [],
        };
      }),
    };
  });
  return { header, structures, fieldCount: next, byteField };
}

function valueText(bytes: Uint8Array, range: FieldRange, name: string): string {
  if (TEXT_FIELDS.has(name)) return JSON.stringify(latin1(bytes, range.offset, range.length));
  // A path entry is two bytes, Device then Function (VT-d 4.1 §8.3.1), not a 16-bit number.
  if (range.length > 8 || name.startsWith('Path[')) return Array.from(bytes.subarray(range.offset, range.offset + range.length), hex2).join(' ');
  return toHex(uint(bytes, range.offset, range.length));
}

const flagNames = (flags: number, names: readonly string[]): string => names.filter((_, bit) => (flags >> bit) & 1).join(', ') || 'none set';
const reservedMeaning = (value: bigint): string => (value === 0n ? 'reserved (0)' : 'reserved, but not 0');

function headerSummary(h: DmarHeader): string {
  return `${JSON.stringify(h.oemId)} ${JSON.stringify(h.oemTableId)}, revision ${h.revision}, ${h.haw}-bit host addresses, checksum ${h.checksumValid ? 'valid' : 'invalid'}`;
}

function headerMeaning(table: DmarTable, f: FieldRange): string {
  const h = table.header;
  switch (f.path[f.path.length - 1]) {
    case 'Length':
      return `${h.length} bytes${h.length > table.bytes.length ? ` (only ${table.bytes.length} present)` : ''}`;
    case 'Checksum': {
      if (h.checksumValid) return 'valid: the table\'s bytes sum to 0 mod 256';
      if (h.length < 48 || h.length > table.bytes.length) return 'not verifiable: the table is incomplete';
      return `invalid: the bytes sum to ${toHex(BigInt(checksumOf(table.bytes)))} mod 256, not 0`;
    }
    case 'OEM Revision':
    case 'Creator Revision':
      return String(Number(uint(table.bytes, f.offset, f.length)));
    case 'Host Address Width':
      return `${h.haw} bits (the field + 1)`;
    case 'Flags':
      return flagNames(h.flags, HEADER_FLAGS) + (h.flags & 0xf8 ? '; reserved bits 7:3 set' : '');
    case 'Reserved':
      return reservedMeaning(uint(table.bytes, f.offset, f.length));
    default:
      return '';
  }
}

function structureSummary(s: DmarStructure): string {
  const scopes = 'deviceScopes' in s ? `, ${s.deviceScopes.length} device scope${s.deviceScopes.length === 1 ? '' : 's'}` : '';
  const at = `at ${hexOffset(s.offset)}`;
  switch (s.type) {
    case 'DRHD':
      return `${at}: segment ${s.segment}, registers at ${toHex(s.registerBaseAddress)}${s.includePciAll ? ', INCLUDE_PCI_ALL' : ''}${scopes}`;
    case 'RMRR':
      return `${at}: segment ${s.segment}, reserved memory ${toHex(s.baseAddress)}–${toHex(s.endAddress)}${scopes}`;
    case 'ATSR':
      return `${at}: segment ${s.segment}${s.allPorts ? ', ALL_PORTS' : ''}${scopes}`;
    case 'SATC':
      return `${at}: segment ${s.segment}${s.atcRequired ? ', ATC_REQUIRED' : ''}${scopes}`;
    case 'SIDP':
      return `${at}: segment ${s.segment}${scopes}`;
    case 'RHSA':
      return `${at}: unit at ${toHex(s.registerBaseAddress)} in proximity domain ${s.proximityDomain}`;
    case 'ANDD':
      return `${at}: ACPI device ${s.acpiDeviceNumber} is ${JSON.stringify(s.objectName)}`;
    case 'unknown':
      return `${at}: type ${s.typeCode}, ${s.length} bytes kept raw`;
  }
}

function structureMeaning(s: DmarStructure, f: FieldRange): string {
  const name = f.path[f.path.length - 1];
  if (name === 'Type') return s.type === 'unknown' ? `type ${s.typeCode}: reserved, or too short for its type` : `${s.typeCode} = ${s.type}`;
  if (name === 'Length') return `${s.length} bytes`;
  if (name === 'Segment' && 'segment' in s) return `PCI segment ${s.segment}`;
  if (name === 'Reserved' && 'reserved' in s) return reservedMeaning(BigInt(s.reserved));
  switch (s.type) {
    case 'DRHD':
      if (name === 'Flags') return s.includePciAll ? 'INCLUDE_PCI_ALL: owns every device of the segment no other unit names' : 'only the devices its scopes name';
      if (name === 'Size') return `register set 2^${s.size & 0xf} × 4 KiB = ${4 * 2 ** (s.size & 0xf)} KiB`;
      return '';
    case 'RMRR':
      if (name === 'End Address') return s.endAddress >= s.baseAddress ? `last byte (inclusive): ${s.endAddress - s.baseAddress + 1n} bytes` : 'below Base Address';
      return '';
    case 'ATSR':
      return name === 'Flags' ? (s.allPorts ? 'ALL_PORTS: every root port of the segment supports ATS' : 'only the root ports its scopes name support ATS') : '';
    case 'SATC':
      return name === 'Flags' ? (s.atcRequired ? 'ATC_REQUIRED: the devices need their ATC enabled' : 'ATC_REQUIRED clear') : '';
    case 'RHSA':
      return name === 'Proximity Domain' ? `NUMA node of proximity domain ${s.proximityDomain}` : '';
    case 'ANDD':
      if (name === 'ACPI Device Number') return `matches ACPI namespace device scopes with Enumeration ID ${s.acpiDeviceNumber}`;
      if (name === 'ACPI Object Name') return s.nameTerminated ? JSON.stringify(s.objectName) : 'not NUL-terminated';
      return '';
    case 'SIDP':
    case 'unknown':
      return '';
  }
}

const scopeTypeName = (type: number): string => SCOPE_TYPE_NAMES[type] ?? `reserved type ${type}`;

function scopeSummary(scope: DeviceScope): string {
  const id = scope.type >= 3 && scope.type <= 5 ? ` ${scope.type === 5 ? 'ACPI device' : 'ID'} ${scope.enumerationId},` : '';
  return `${scopeTypeName(scope.type)}${id} ${scopeText(scope)}`;
}

function scopeMeaning(scope: DeviceScope, f: FieldRange): string {
  const name = f.path[f.path.length - 1] ?? '';
  if (name === 'Type') return `${scope.type} = ${scopeTypeName(scope.type)}`;
  if (name === 'Length') return `${scope.length} bytes: 6 + 2 × ${scope.path.length} path entr${scope.path.length === 1 ? 'y' : 'ies'}`;
  if (name === 'Reserved') return reservedMeaning(BigInt(scope.reserved));
  if (name === 'Enumeration ID') {
    if (scope.type === 3) return `IOAPIC ID ${scope.enumerationId}`;
    if (scope.type === 4) return `HPET number ${scope.enumerationId}`;
    if (scope.type === 5) return `ACPI device number ${scope.enumerationId} (see the ANDD with this number)`;
    return 'not used by PCI scopes';
  }
  if (name === 'Start Bus Number') return `bus ${hex2(scope.startBus)}`;
  const hop = /^Path\[(\d+)\]$/.exec(name);
  const entry = hop === null ? undefined : scope.path[Number(hop[1])];
  if (entry !== undefined) return `device ${hex2(entry.device)}, function ${entry.function}`;
  return '';
}
