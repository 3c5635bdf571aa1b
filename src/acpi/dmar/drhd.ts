import { hpa } from '../../hex.ts';
import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Drhd } from './table.ts';
import { u16, u64, u8 } from './table-bytes.ts';

/** DRHD, type 0, VT-d 4.1 §8.3: Flags 4, Size 5 (bits 3:0, log2 of 4 KiB pages), Segment 6, Register Base 8. */
export const DRHD: StructureSpec<Drhd> = {
  typeCode: 0,
  type: 'DRHD',
  fixedSize: 16,
  hasScopes: true,
  fields: [
    ...STRUCTURE_HEADER_FIELDS,
    { name: 'Flags', offset: 4, size: 1 },
    { name: 'Size', offset: 5, size: 1 },
    { name: 'Segment', offset: 6, size: 2 },
    { name: 'Register Base Address', offset: 8, size: 8 },
  ],
  decode: (bytes, base, deviceScopes) => {
    const at = base.offset;
    const flags = u8(bytes, at + 4);
    return {
      type: 'DRHD',
      ...base,
      flags,
      // INCLUDE_PCI_ALL, bit 0 (Linux dmar_parse_one_drhd: "BIT0: INCLUDE_ALL")
      includePciAll: (flags & 1) === 1,
      size: u8(bytes, at + 5),
      segment: u16(bytes, at + 6),
      registerBaseAddress: hpa(u64(bytes, at + 8)),
      deviceScopes,
    };
  },
};
