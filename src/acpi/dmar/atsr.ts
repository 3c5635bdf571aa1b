import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Atsr } from './table.ts';
import { u16, u8 } from './table-bytes.ts';

/** ATSR, type 2, VT-d 4.1 §8.5: Flags 4 (bit 0 ALL_PORTS), Reserved 5, Segment 6. */
export const ATSR: StructureSpec<Atsr> = {
  typeCode: 2,
  type: 'ATSR',
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
      type: 'ATSR',
      ...base,
      flags,
      allPorts: (flags & 1) === 1,
      reserved: u8(bytes, base.offset + 5),
      segment: u16(bytes, base.offset + 6),
      deviceScopes,
    };
  },
};
