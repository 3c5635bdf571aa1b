import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploreDmar } from './explorer.ts';
import { ownerOfDevice } from './scope-ownership.ts';

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('the explorer load: what the DMAR view shows', () => {
  // supermicro_x10dai_2s_hsw.dsl: [038h 0056   8] Register Base Address : 00000000FBFFC000
  const load = exploreDmar(bytes('supermicro_x10dai_2s_hsw.bin'));
  const tree = load.analysis?.tree;

  it('a real table is clean and has one group per structure', () => {
    expect(load.clean).toBe(true);
    expect(tree?.structures.map((s) => s.label)).toEqual(['DRHD#0', 'DRHD#1', 'DRHD#2', 'RMRR#0', 'ATSR#0', 'RHSA#0', 'RHSA#1']);
  });

  it('each byte of a field points back to that field', () => {
    const base = tree?.structures[0]?.fields.find((f) => f.name === 'Register Base Address');
    expect(base).toMatchObject({ offset: 0x38, length: 8, value: '0xfbffc000', path: ['DRHD#0', 'Register Base Address'] });
    for (let at = 0x38; at < 0x40; at++) expect(tree?.byteField[at]).toBe(base?.id);
    const haw = tree?.header.fields.find((f) => f.name === 'Host Address Width');
    expect(haw).toMatchObject({ offset: 0x24, value: '0x2d', meaning: '46 bits (the field + 1)' });
  });

  it('a path entry shows its two bytes, device then function', () => {
    const hop = tree?.structures[0]?.children[0]?.fields.find((f) => f.name === 'Path[0]');
    expect(hop?.value).toMatch(/^[0-9a-f]{2} [0-9a-f]{2}$/);
  });

  it('hex rows hold 16 bytes each and the table ends where Length says (0x158: 21 rows and 8 bytes)', () => {
    expect(load.analysis?.hexRows.length).toBe(22);
    expect(load.analysis?.hexRows[21]).toMatchObject({ offset: 0x150 });
    expect(load.analysis?.hexRows[21]?.cells.length).toBe(8);
    expect(load.analysis?.hexRows[0]?.cells.slice(0, 4)).toEqual(['44', '4d', '41', '52']);
    expect(load.analysis?.hexRows[0]?.text.slice(0, 4)).toBe('DMAR');
  });
});

describe('a bad upload is not clean but says where', () => {
  it.each([
    // input                                                              offset
    ['truncated', bytes('supermicro_x10dai_2s_hsw.bin').subarray(0, 0x100), 0x4],
    ['text', new TextEncoder().encode('hello\n'), 0x0],
  ])('%s', (_, input, offset) => {
    const load = exploreDmar(input);
    expect(load.clean).toBe(false);
    expect(load.diagnostics.find((d) => d.severity === 'error')?.offset).toBe(offset);
  });
});

describe('who owns a device typed as text', () => {
  const table = exploreDmar(bytes('lenovo_thinkpad_x1carbon7_whl.bin')).table;
  it.each([
    // device            owner       (lenovo_thinkpad_x1carbon7_whl.dsl: DRHD#0 graphics 00:02.0; DRHD#1 INCLUDE_PCI_ALL)
    ['00:02.0',          'DRHD#0'],
    ['00:1f.3',          'DRHD#1'],
    ['0000:00:14.0',     'DRHD#1'],
    ['0001:00:1f.3',     undefined],   // segment 1 has no unit
  ])('%s → %s', (device, owner) => {
    const answer = table === undefined ? undefined : ownerOfDevice(table, device);
    expect(answer?.ok === true ? answer.value.owner : 'bad text').toBe(owner);
  });
  it('bad text names what was expected', () => {
    const answer = table === undefined ? undefined : ownerOfDevice(table, '00:1f');
    expect(answer).toEqual({ ok: false, error: '"00:1f" is not a PCI address (expected BB:DD.F or SSSS:BB:DD.F, e.g. 00:1f.3)' });
  });
});
