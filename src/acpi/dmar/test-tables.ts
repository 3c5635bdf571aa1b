/**
 * Test helper: a DMAR table from hand-written structure bytes. It writes only the 48-byte header
 * around them (Length = total size, checksum so the bytes sum to 0); the structures are the
 * caller's literal bytes. Not used by the engine.
 */
export function dmarTable(structures: readonly (readonly number[])[], options: { haw?: number; flags?: number } = {}): Uint8Array {
  const body = structures.flat();
  const length = 48 + body.length;
  const header = [
    0x44, 0x4d, 0x41, 0x52, length & 0xff, (length >> 8) & 0xff, 0, 0, 1, 0, // "DMAR", Length, Revision 1, Checksum
    0x54, 0x45, 0x53, 0x54, 0x20, 0x20, // OEM ID "TEST  "
    0x48, 0x41, 0x4e, 0x44, 0x4d, 0x41, 0x44, 0x45, // OEM Table ID "HANDMADE"
    1, 0, 0, 0, 0x4c, 0x41, 0x42, 0x20, 2, 0, 0, 0, // OEM Revision 1, Creator "LAB ", Creator Revision 2
    options.haw ?? 0x26, options.flags ?? 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // HAW (39 bits), Flags, Reserved
  ];
  const bytes = new Uint8Array([...header, ...body]);
  const sum = bytes.reduce((a, b) => (a + b) & 0xff, 0);
  bytes[9] = (0x100 - sum) & 0xff;
  return bytes;
}
