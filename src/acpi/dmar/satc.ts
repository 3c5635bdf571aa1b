import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Satc } from './table.ts';
import { u16, u8 } from './table-bytes.ts';

/** SATC, type 5, VT-d 4.1 §8.8: Flags 4 (bit 0 ATC_REQUIRED), Reserved 5, Segment 6. */
export const SATC: StructureSpec<Satc> = {
  typeCode: 5,
  type: 'SATC',
  fixedSize: 8,
  hasScopes: true,
  fields: [
    ...STRUCTURE_HEADER_FIELDS,
    { name: 'Flags', offset: 4, size: 1 },
    { name: 'Reserved', offset: 5, size: 1 },
    { name: 'Segment', offset: 6, size: 2 },
  ],
  decode: (bytes, base, deviceScopes) => {
    const flags = u8(bytes, base.offset + 4);
    return {
      type: 'SATC',
      ...base,
      flags,
      atcRequired: (flags & 1) === 1,
      reserved: u8(bytes, base.offset + 5),
      segment: u16(bytes, base.offset + 6),
      deviceScopes,
    };
  },
};
