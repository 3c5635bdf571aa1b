import { hpa } from '../../hex.ts';
import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Rmrr } from './table.ts';
import { u16, u64 } from './table-bytes.ts';

/** RMRR, type 1, VT-d 4.1 §8.4: Reserved 4, Segment 6, Base 8, End (limit, inclusive) 16. */
export const RMRR: StructureSpec<Rmrr> = {
  typeCode: 1,
  type: 'RMRR',
  fixedSize: 24,
  hasScopes: true,
  fields: [
    ...STRUCTURE_HEADER_FIELDS,
    { name: 'Reserved', offset: 4, size: 2 },
    { name: 'Segment', offset: 6, size: 2 },
    { name: 'Base Address', offset: 8, size: 8 },
    { name: 'End Address', offset: 16, size: 8 },
  ],
  decode: (bytes, base, deviceScopes) => ({
    type: 'RMRR',
    ...base,
    reserved: u16(bytes, base.offset + 4),
    segment: u16(bytes, base.offset + 6),
    baseAddress: hpa(u64(bytes, base.offset + 8)),
    endAddress: hpa(u64(bytes, base.offset + 16)),
    deviceScopes,
  }),
};
