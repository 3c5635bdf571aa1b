import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Sidp } from './table.ts';
import { u16 } from './table-bytes.ts';

/** SIDP, type 6, VT-d 4.x §8.9: Reserved 4 (2 bytes), Segment 6; scope byte 2 holds per-device flags. */
export const SIDP: StructureSpec<Sidp> = {
  typeCode: 6,
  type: 'SIDP',
  fixedSize: 8,
  hasScopes: true,
  fields: [
    ...STRUCTURE_HEADER_FIELDS,
    { name: 'Reserved', offset: 4, size: 2 },
    { name: 'Segment', offset: 6, size: 2 },
  ],
  decode: (bytes, base, deviceScopes) => ({
    type: 'SIDP',
    ...base,
    reserved: u16(bytes, base.offset + 4),
    segment: u16(bytes, base.offset + 6),
    deviceScopes,
  }),
};
