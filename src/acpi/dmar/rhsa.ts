import { hpa } from '../../hex.ts';
import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Rhsa } from './table.ts';
import { u32, u64 } from './table-bytes.ts';

/** RHSA, type 3, VT-d 4.1 §8.6: Reserved 4, Register Base 8 (of a DRHD), Proximity Domain 16. No scopes. */
export const RHSA: StructureSpec<Rhsa> = {
  typeCode: 3,
  type: 'RHSA',
  fixedSize: 20,
  hasScopes: false,
  fields: [
    ...STRUCTURE_HEADER_FIELDS,
    { name: 'Reserved', offset: 4, size: 4 },
    { name: 'Register Base Address', offset: 8, size: 8 },
    { name: 'Proximity Domain', offset: 16, size: 4 },
  ],
  decode: (bytes, base) => ({
    type: 'RHSA',
    ...base,
    reserved: u32(bytes, base.offset + 4),
    registerBaseAddress: hpa(u64(bytes, base.offset + 8)),
    proximityDomain: u32(bytes, base.offset + 16),
  }),
};
