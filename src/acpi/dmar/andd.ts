import { STRUCTURE_HEADER_FIELDS, type StructureSpec } from './structure-spec.ts';
import type { Andd } from './table.ts';
import { latin1, u16, u8 } from './table-bytes.ts';

/**
 * ANDD, type 4, VT-d 4.1 §8.7: Reserved 4 (3 bytes), ACPI Device Number 7, then a NUL-terminated
 * object name up to Length (padding after the NUL is allowed: the MacBook Pro 14,3 table pads each
 * 15-byte name to 20). The name is read up to the first NUL within Length, as Linux
 * dmar_parse_one_andd checks it with strnlen(name, Length - 8).
 */
export const ANDD: StructureSpec<Andd> = {
  typeCode: 4,
  type: 'ANDD',
  fixedSize: 8,
  hasScopes: false,
  fields: [
    ...STRUCTURE_HEADER_FIELDS,
    { name: 'Reserved', offset: 4, size: 3 },
    { name: 'ACPI Device Number', offset: 7, size: 1 },
  ],
  decode: (bytes, base) => {
    const start = base.offset + 8;
    const end = Math.min(base.offset + base.length, bytes.length);
    const nul = bytes.subarray(start, Math.max(start, end)).indexOf(0);
    const nameEnd = nul === -1 ? end : start + nul;
    return {
      type: 'ANDD',
      ...base,
      reserved: u16(bytes, base.offset + 4) | (u8(bytes, base.offset + 6) << 16),
      acpiDeviceNumber: u8(bytes, base.offset + 7),
      objectName: latin1(bytes, start, Math.max(0, nameEnd - start)),
      nameTerminated: nul !== -1,
    };
  },
};
