import type { DeviceScope, DmarStructure } from './table.ts';

/** A named byte range of a structure, at `offset` from the structure's start (or the table's, for the header). */
export interface ByteField {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** The common header of every remapping structure, VT-d §8.2: Type (u16) and Length (u16). */
export const STRUCTURE_HEADER_FIELDS: readonly ByteField[] = [
  { name: 'Type', offset: 0, size: 2 },
  { name: 'Length', offset: 2, size: 2 },
];

/** What the walker hands a structure decoder: where it is and what precedes its fields. */
export interface StructureBaseFields {
  readonly offset: number;
  readonly length: number;
  readonly typeCode: number;
  readonly index: number;
}

/**
 * How one structure type is laid out: its fixed part (fields after the 4-byte header), and how to
 * decode it. Decoders only read inside the fixed part, which the walker has checked is present.
 */
export interface StructureSpec<T extends DmarStructure = DmarStructure> {
  readonly typeCode: number;
  readonly type: T['type'];
  readonly fixedSize: number;
  /** Offsets relative to the structure start, header included. */
  readonly fields: readonly ByteField[];
  readonly hasScopes: boolean;
  decode(bytes: Uint8Array, base: StructureBaseFields, deviceScopes: readonly DeviceScope[]): T;
}
