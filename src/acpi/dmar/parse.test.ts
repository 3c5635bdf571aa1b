import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDmar } from './parse.ts';
import { dmarTable } from './test-tables.ts';

const codes = (bytes: Uint8Array) => parseDmar(bytes).diagnostics.map((d) => [d.code, d.offset]);

// Structures as VT-d 4.1 §8 draws them: Type (2), Length (2), fixed part, then device scopes.
const DRHD_INCLUDE_ALL_SEG1 = [0x00, 0x00, 0x18, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0xd9, 0xfe, 0, 0, 0, 0, /* IOAPIC id 2 f0:1f.0 */ 0x03, 0x08, 0, 0, 0x02, 0xf0, 0x1f, 0x00];
const DRHD_SEG0 = [0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xd9, 0xfe, 0, 0, 0, 0, /* EP 00:02.0 */ 0x01, 0x08, 0, 0, 0, 0x00, 0x02, 0x00];
const SATC = [0x05, 0x00, 0x10, 0x00, 0x01, 0x00, 0x01, 0x00, /* EP 00:02.0 */ 0x01, 0x08, 0, 0, 0, 0x00, 0x02, 0x00];
const SIDP = [0x06, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, /* EP 00:0b.0, flags 0x1c */ 0x01, 0x08, 0x1c, 0, 0, 0x00, 0x0b, 0x00];
const TYPE_9 = [0x09, 0x00, 0x0c, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04];
const RHSA = [0x03, 0x00, 0x14, 0x00, 0, 0, 0, 0, 0x00, 0x10, 0xd9, 0xfe, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x00];

describe('hand-built tables', () => {
  it('decodes SATC (type 5) flags, segment and scopes', () => {
    const s = parseDmar(dmarTable([DRHD_SEG0, SATC])).table?.structures[1];
    expect(s).toMatchObject({ type: 'SATC', offset: 0x48, length: 0x10, flags: 1, atcRequired: true, segment: 1, deviceScopes: [{ type: 1, startBus: 0, path: [{ device: 2, function: 0 }] }] });
  });

  it('decodes SIDP (type 6) with the per-device flags byte of its scope', () => {
    const s = parseDmar(dmarTable([DRHD_SEG0, SIDP])).table?.structures[1];
    expect(s).toMatchObject({ type: 'SIDP', segment: 0, deviceScopes: [{ type: 1, flags: 0x1c, path: [{ device: 0x0b, function: 0 }] }] });
  });

  it('keeps an unknown type as raw bytes with a warning and goes on to the next structure', () => {
    const { table, diagnostics } = parseDmar(dmarTable([TYPE_9, RHSA]));
    expect(table?.structures.map((s) => s.type)).toEqual(['unknown', 'RHSA']);
    expect(table?.structures[0]).toMatchObject({ type: 'unknown', typeCode: 9, bytes: new Uint8Array(TYPE_9) });
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'unknown-structure-type', offset: 0x30 }]);
  });

  it('reads DRHDs on two segments', () => {
    const drhds = parseDmar(dmarTable([DRHD_SEG0, DRHD_INCLUDE_ALL_SEG1])).table?.structures;
    expect(drhds).toMatchObject([
      { type: 'DRHD', segment: 0, includePciAll: false, registerBaseAddress: 0xfed91000n },
      { type: 'DRHD', segment: 1, includePciAll: true, registerBaseAddress: 0xfed90000n },
    ]);
  });

  it('reports a bad checksum without rejecting the table (qemu_q35_dmar.bin with byte 0x9 patched in this test)', () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/qemu_q35_dmar.bin', import.meta.url)));
    bytes[9] = 0x16; // real value 0x15
    const { table, diagnostics } = parseDmar(bytes);
    expect(table?.header.checksumValid).toBe(false);
    expect(table?.structures).toHaveLength(2);
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'checksum-mismatch', offset: 9, message: 'checksum at 0x9 is 0x16, should be 0x15 (bytes do not sum to 0 mod 256)' }]);
  });
});

describe('malformed input: each problem a diagnostic naming its offset', () => {
  const good = dmarTable([DRHD_SEG0, RHSA]);
  const patched = (at: number, ...values: number[]): Uint8Array => {
    const bytes = good.slice();
    bytes.set(values, at);
    return bytes;
  };

  it.each([
    // case                                  bytes                                        expected [code, offset]
    ['not a DMAR at all',                     new Uint8Array([0x46, 0x41, 0x43, 0x50, 0, 0]), [['not-dmar', 0]]],
    ['empty input',                           new Uint8Array(0),                             [['not-dmar', 0]]],
    ['header shorter than 48 bytes',          good.slice(0, 40),                             [['header-truncated', 40]]],
    ['Length smaller than the header',        patched(4, 0x20),                              [['table-length-too-small', 4]]],
    ['Length beyond the bytes (truncated)',   good.slice(0, 0x50),                           [['table-truncated', 4], ['structure-passes-table-end', 0x48]]],
    ['a zero-length structure',               patched(0x32, 0x00),                           [['checksum-mismatch', 9], ['zero-length-structure', 0x30]]],
    ['a structure Length passing the end',    patched(0x4a, 0x40),                           [['checksum-mismatch', 9], ['structure-passes-table-end', 0x48]]],
    // the DRHD's Length 8 puts the next header inside its address field: type 0x1000, Length 0xfed9
    ['a structure shorter than its fixed part', patched(0x32, 0x08),                         [['checksum-mismatch', 9], ['structure-length-too-small', 0x30], ['structure-passes-table-end', 0x38], ['unknown-structure-type', 0x38]]],
    ['a scope past its structure',            patched(0x41, 0x0a),                           [['checksum-mismatch', 9], ['scope-passes-structure-end', 0x40]]],
    ['a scope Length below 6',                patched(0x41, 0x02),                           [['checksum-mismatch', 9], ['scope-length-too-small', 0x41]]],
    ['a structure header cut by the table end', dmarTable([DRHD_SEG0, [0x03, 0x00]]),       [['structure-header-truncated', 0x48]]],
  ])('%s', (_, bytes, expected) => expect(codes(bytes)).toEqual(expected));

  it('names the offset in the message', () => {
    const [d] = parseDmar(patched(0x32, 0x00)).diagnostics.filter((x) => x.severity === 'error');
    expect(d?.message).toBe('DRHD at 0x30: Length is 0; parsing stops here (Linux: "Invalid 0-length structure")');
  });

  it('keeps what was decoded before the problem', () => {
    expect(parseDmar(patched(0x4a, 0x40)).table?.structures.map((s) => s.type)).toEqual(['DRHD', 'RHSA']);
  });
});
