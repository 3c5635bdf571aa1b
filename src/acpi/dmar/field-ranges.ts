import { DEVICE_SCOPE_FIELDS, DEVICE_SCOPE_HEADER_SIZE } from './device-scope.ts';
import { HEADER_FIELDS } from './header.ts';
import { STRUCTURE_SPECS } from './parse.ts';
import { STRUCTURE_HEADER_FIELDS, type ByteField } from './structure-spec.ts';
import { hasScopes, structureLabel, type DeviceScope, type DmarStructure, type DmarTable } from './table.ts';

/** A decoded field and the bytes it came from, for the hex view's field ↔ byte highlighting. */
export interface FieldRange {
  /** e.g. ['DRHD#1', 'scope#0', 'Start Bus Number'] — the same paths diagnostics use. */
  readonly path: readonly string[];
  readonly offset: number;
  readonly length: number;
}

export interface RangeGroup {
  readonly path: readonly string[];
  readonly offset: number;
  readonly length: number;
  readonly fields: readonly FieldRange[];
  readonly children: readonly RangeGroup[];
}

/**
 * Every field of the header, each structure and each device scope with its byte range in
 * `table.bytes`, clipped to the bytes present (a field past the end of a truncated table is left out).
 */
export function dmarFieldRanges(table: DmarTable): RangeGroup[] {
  const size = table.bytes.length;
  const clip = (path: readonly string[], base: number, fields: readonly ByteField[]): FieldRange[] =>
    fields.flatMap((f) => {
      const offset = base + f.offset;
      const length = Math.min(f.size, size - offset);
      return length > 0 ? [{ path: [...path, f.name], offset, length }] : [];
    });
  const header: RangeGroup = { path: ['header'], offset: 0, length: Math.min(48, size), fields: clip(['header'], 0, HEADER_FIELDS), children: [] };
  return [header, ...table.structures.map((s) => structureRanges(s, size, clip))];
}

type Clip = (path: readonly string[], base: number, fields: readonly ByteField[]) => FieldRange[];

function structureRanges(s: DmarStructure, size: number, clip: Clip): RangeGroup {
  const path = [structureLabel(s)];
  const length = Math.min(s.length, size - s.offset);
  const spec = s.type === 'unknown' ? undefined : STRUCTURE_SPECS[s.typeCode];
  const fields = clip(path, s.offset, spec?.fields ?? STRUCTURE_HEADER_FIELDS);
  if (s.type === 'ANDD' && length > 8) fields.push({ path: [...path, 'ACPI Object Name'], offset: s.offset + 8, length: length - 8 });
  if (s.type === 'unknown' && length > 4) fields.push({ path: [...path, 'Data'], offset: s.offset + 4, length: length - 4 });
  const children = hasScopes(s) ? s.deviceScopes.map((scope, i) => scopeRanges(scope, [...path, `scope#${i}`], clip)) : [];
  return { path, offset: s.offset, length, fields, children };
}

function scopeRanges(scope: DeviceScope, path: readonly string[], clip: Clip): RangeGroup {
  const hops: ByteField[] = scope.path.map((_, i) => ({ name: `Path[${i}]`, offset: DEVICE_SCOPE_HEADER_SIZE + 2 * i, size: 2 }));
  return { path, offset: scope.offset, length: scope.length, fields: clip(path, scope.offset, [...DEVICE_SCOPE_FIELDS, ...hops]), children: [] };
}
