import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDmar } from './parse.ts';
import type { DeviceScope, DmarStructure, DmarTable } from './table.ts';
import { parseDmarInput } from './text-input.ts';

/**
 * Oracle: the `iasl -d` listing (ACPICA 20200925) beside each real table, read here by a small
 * reader of its `[HexOff DecOff Len]  Name : Value` lines. Each listed field is looked up in our
 * decoded tree by its offset and compared with iasl's value.
 */
const DIR = new URL('./fixtures/', import.meta.url);
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));
const tables = readdirSync(DIR).filter((f) => f.endsWith('.bin')).map((f) => f.replace(/\.bin$/, ''));

interface DslField { offset: number; name: string; value: string }

function dslFields(name: string): DslField[] {
  return readFileSync(new URL(`${name}.dsl`, DIR), 'utf8').split('\n').flatMap((line) => {
    const m = /^\[([0-9A-F]+)h \d+ +\d+\] +(.+?) : (.*)$/.exec(line);
    return m ? [{ offset: parseInt(m[1] ?? '', 16), name: m[2] ?? '', value: (m[3] ?? '').trim() }] : [];
  });
}

/** iasl's number text: hex digits ("00000000FED90000"), or "DD,FF" for a PCI path hop (device << 8 | function). */
const num = (value: string): bigint => {
  const hop = /^([0-9A-F]{2}),([0-9A-F]{2})/.exec(value);
  return hop ? (BigInt(`0x${hop[1]}`) << 8n) | BigInt(`0x${hop[2]}`) : BigInt(`0x${value.split(/\s/)[0]}`);
};
const quoted = (value: string): string => /^"(.*)"/.exec(value)?.[1] ?? '';

/** What our tree says for the field iasl lists at `offset`: a number, or a string for quoted fields. */
function ours(table: DmarTable, { offset, name }: DslField): bigint | string | undefined {
  const h = table.header;
  const header: Record<string, bigint | string> = {
    Signature: h.signature, 'Table Length': BigInt(h.length), Revision: BigInt(h.revision), Checksum: BigInt(h.checksum),
    'Oem ID': h.oemId, 'Oem Table ID': h.oemTableId, 'Oem Revision': BigInt(h.oemRevision), 'Asl Compiler ID': h.creatorId,
    'Asl Compiler Revision': BigInt(h.creatorRevision), 'Host Address Width': BigInt(h.haw - 1), Flags: BigInt(h.flags),
  };
  if (offset < 48) return name === 'Reserved' ? 0n : header[name];
  const s = table.structures.find((x) => offset >= x.offset && offset < x.offset + x.length);
  if (s === undefined) return undefined;
  const scope = 'deviceScopes' in s ? s.deviceScopes.find((c) => offset >= c.offset && offset < c.offset + c.length) : undefined;
  return scope ? scopeField(scope, offset - scope.offset, name) : structureField(s, offset - s.offset, name);
}

function scopeField(c: DeviceScope, at: number, name: string): bigint | undefined {
  const hop = c.path[(at - 6) / 2];
  const fields: Record<string, bigint | undefined> = {
    'Device Scope Type': BigInt(c.type), 'Entry Length': BigInt(c.length), Reserved: BigInt(c.flags | (c.reserved << 8)),
    'Enumeration ID': BigInt(c.enumerationId), 'PCI Bus Number': BigInt(c.startBus),
    'PCI Path': hop === undefined ? undefined : BigInt((hop.device << 8) | hop.function),
  };
  return fields[name];
}

function structureField(s: DmarStructure, at: number, name: string): bigint | string | undefined {
  if (name === 'Subtable Type') return BigInt(s.typeCode);
  if (name === 'Length') return BigInt(s.length);
  switch (s.type) {
    case 'DRHD':
      return { Flags: BigInt(s.flags), Reserved: BigInt(s.size), 'PCI Segment Number': BigInt(s.segment), 'Register Base Address': s.registerBaseAddress }[name];
    case 'RMRR':
      return { Reserved: BigInt(s.reserved), 'PCI Segment Number': BigInt(s.segment), 'Base Address': s.baseAddress, 'End Address (limit)': s.endAddress }[name];
    case 'ATSR':
    case 'SATC':
      return { Flags: BigInt(s.flags), Reserved: BigInt(s.reserved), 'PCI Segment Number': BigInt(s.segment) }[name];
    case 'RHSA':
      return { Reserved: BigInt(s.reserved), 'Base Address': s.registerBaseAddress, 'Proximity Domain': BigInt(s.proximityDomain) }[name];
    case 'ANDD':
      return { Reserved: BigInt(s.reserved), 'Device Number': BigInt(s.acpiDeviceNumber), 'Device Name': s.objectName }[name];
    default:
      return at < 0 ? undefined : undefined;
  }
}

/** Header strings iasl cannot print: non-ASCII bytes become blanks (MANIFEST: HP ProLiant creator, 6730b OEM table ID). */
const UNPRINTABLE = new Set(['hp_proliant_dl380e_gen8:Asl Compiler ID', 'hp_compaq_6730b_zero_rmrr:Oem Table ID']);

describe.each(tables)('%s', (name) => {
  const { table, diagnostics } = parseDmar(read(`${name}.bin`));

  it('parses without diagnostics and with a valid checksum', () => {
    expect(diagnostics).toEqual([]);
    expect(table?.header.checksumValid).toBe(true);
  });

  it('agrees with every field of its iasl -d listing', () => {
    if (table === undefined) throw new Error('no table');
    const fields = dslFields(name).filter((f) => !UNPRINTABLE.has(`${name}:${f.name}`));
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) {
      const expected = field.value.startsWith('"') ? quoted(field.value).replace(/[ ]+$/, '') : num(field.value);
      expect({ at: field.offset, name: field.name, value: ours(table, field) }).toEqual({ at: field.offset, name: field.name, value: expected });
    }
  });

  it('rebuilds the same bytes from the .dsl text', () => {
    const fromText = parseDmarInput(read(`${name}.dsl`));
    expect(fromText.format).toBe('iasl');
    expect(Buffer.from(fromText.bytes).equals(Buffer.from(read(`${name}.bin`)))).toBe(true);
  });
});

describe('tables iasl 20200925 stops decoding (SATC, type 5)', () => {
  it.each([
    // fixture                                  SATC at  iasl's last field             raw SATC bytes (from the .dsl's "Raw Table Data")
    ['framework_laptop13_mtl_satc',             0x68,    'Length : 0018',              '05 00 18 00 01 00 00 00'],
    ['msi_prestige13_lnl_satc_drhdsize',        0x98,    'Length : 0020',              '05 00 20 00 01 00 00 00'],
  ])('%s: iasl decodes up to the SATC at %i; the raw hex there matches our SATC', (name, satcAt, lastField, rawHead) => {
    const text = readFileSync(new URL(`${name}.dsl`, DIR), 'utf8');
    expect(text).toContain('**** Unknown DMAR subtable type 0x5');
    const listed = dslFields(name);
    expect(listed.at(-1)).toMatchObject({ offset: satcAt + 2, name: 'Length', value: lastField.split(' : ')[1] });
    const { table } = parseDmar(read(`${name}.bin`));
    const satc = table?.structures.find((s) => s.type === 'SATC');
    expect(satc?.offset).toBe(satcAt);
    const hex = Array.from(read(`${name}.bin`).subarray(satcAt, satcAt + 8), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    expect(hex).toBe(rawHead.toUpperCase());
    for (const field of listed) expect(ours(table as DmarTable, field)).toEqual(field.value.startsWith('"') ? quoted(field.value).replace(/ +$/, '') : num(field.value));
  });
});

describe('acpidump text', () => {
  it.each([
    ['acpidump_coreboot_x230_xen-devel.txt', 'lenovo_thinkpad_x230_coreboot.bin'],
    ['acpidump_thinkpad_x1carbon7_linuxhw.txt', 'lenovo_thinkpad_x1carbon7_whl.bin'],
  ])('%s parses to the same table as %s', (text, bin) => {
    const fromText = parseDmarInput(read(text));
    expect(fromText.format).toBe('acpidump');
    expect(fromText.diagnostics).toEqual([]);
    expect(fromText.table).toEqual(parseDmar(read(bin)).table);
  });

  it('finds the DMAR block among other tables', () => {
    const dmar = readFileSync(new URL('acpidump_thinkpad_x1carbon7_linuxhw.txt', DIR), 'utf8');
    const other = 'APIC @ 0x0000000000000000\n    0000: 41 50 49 43 2C 00 00 00 01 00 4C 45 4E 4F 56 4F  APIC,.....LENOVO\n\n';
    const fromText = parseDmarInput(new TextEncoder().encode(`${other}${dmar}\n${other.replace(/APIC/g, 'FACP')}`));
    expect(fromText.table).toEqual(parseDmar(read('lenovo_thinkpad_x1carbon7_whl.bin')).table);
  });

  it('says which tables it found when none is the DMAR', () => {
    const other = 'APIC @ 0x0000000000000000\n    0000: 41 50 49 43 2C 00 00 00 01 00 4C 45 4E 4F 56 4F  APIC,.....LENOVO\n';
    expect(parseDmarInput(new TextEncoder().encode(other)).diagnostics.map((d) => d.message)).toEqual([
      'no DMAR table in the acpidump text (tables found: APIC)',
      'not a DMAR table: the signature at 0x0 is missing (empty input), expected "DMAR"',
    ]);
  });
});
