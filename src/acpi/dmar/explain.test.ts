import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dmarFieldRanges } from './field-ranges.ts';
import { findOwningDrhd } from './ownership.ts';
import { parseDmar } from './parse.ts';
import { explainRmrrs, KERNEL_RMRR_ATTACH_REFUSED, KERNEL_RMRR_ATTACH_REFUSED_OLD } from './rmrr-explain.ts';
import { structureLabel, type DmarTable } from './table.ts';
import { parseDmarInput } from './text-input.ts';
import { dmarToUnits } from './units.ts';

const table = (name: string): DmarTable => {
  const t = parseDmar(new Uint8Array(readFileSync(new URL(`./fixtures/${name}.bin`, import.meta.url)))).table;
  if (t === undefined) throw new Error(name);
  return t;
};
const owner = (t: DmarTable, bdf: [number, number, number], bridges: Parameters<typeof findOwningDrhd>[2] = []) => {
  const o = findOwningDrhd(t, { segment: 0, bus: bdf[0], device: bdf[1], function: bdf[2] }, bridges);
  return o.kind === 'none' ? 'none' : `${o.kind} ${structureLabel(o.drhd)}`;
};

describe('ownership, as dmar_find_matched_drhd_unit decides', () => {
  it.each([
    // fixture                          device            owner
    ['dell_latitude_9420_tgl',          [0, 0x02, 0],     'scope DRHD#0'],       // graphics unit
    ['dell_latitude_9420_tgl',          [0, 0x07, 0],     'scope DRHD#2'],       // Thunderbolt root port (bridge scope)
    ['dell_latitude_9420_tgl',          [0, 0x1f, 3],     'include-all DRHD#4'], // INCLUDE_PCI_ALL, listed last
    ['qemu_q35_dmar',                   [0, 0x1f, 2],     'scope DRHD#0'],
    ['qemu_q35_dmar',                   [0, 0x03, 0],     'none'],               // no INCLUDE_PCI_ALL: untranslated
    ['google_ecclesia_testdata',        [0x80, 0x04, 3],  'scope DRHD#0'],
  ] as const)('%s %o → %s', (name, bdf, expected) => expect(owner(table(name), [...bdf])).toBe(expected));

  it('follows a sub-hierarchy scope down to the buses below the bridge', () => {
    const bridges = [{ segment: 0, bus: 0, device: 0x07, function: 0, secondaryBus: 0x20, subordinateBus: 0x3f }];
    expect(owner(table('dell_latitude_9420_tgl'), [0x21, 0, 0], bridges)).toBe('scope DRHD#2');
    expect(owner(table('dell_latitude_9420_tgl'), [0x40, 0, 0], bridges)).toBe('include-all DRHD#4');
  });
});

describe('RMRR consequences', () => {
  it('quotes both kernels for a non-relaxable device and relaxes USB (HP ProLiant DL380e)', () => {
    const explained = explainRmrrs(table('hp_proliant_dl380e_gen8'), { classOf: (d) => (d.bus === 0 && d.device === 0x1f && d.function === 2 ? 0x010601 : undefined) });
    expect(explained).toHaveLength(9);
    expect(explained[0]?.devices.map((d) => [d.scope, d.relaxable])).toEqual([['00:1d.0', true], ['00:1a.0', true]]);
    const sata = explained[2]?.devices.find((d) => d.scope === '00:1f.2');
    expect(sata).toMatchObject({ relaxable: false, owner: 'DRHD#1', deviceClass: { kind: 'other', source: 'given' } });
    expect(sata?.consequence).toContain(`"${KERNEL_RMRR_ATTACH_REFUSED_OLD}"`);
    expect(sata?.consequence).toContain(`"${KERNEL_RMRR_ATTACH_REFUSED}"`);
  });

  it('keeps the two spaces of the old kernel string', () => {
    expect(KERNEL_RMRR_ATTACH_REFUSED_OLD).toBe('Device is ineligible for IOMMU domain attach due to platform RMRR requirement.  Contact your platform vendor.');
  });
});

describe('for the UI', () => {
  it('gives each field its byte range (DRHD#0 of QEMU q35)', () => {
    const ranges = dmarFieldRanges(table('qemu_q35_dmar'));
    const drhd = ranges.find((g) => g.path[0] === 'DRHD#0');
    expect(drhd?.fields.map((f) => [f.path.at(-1), f.offset, f.length])).toEqual([
      ['Type', 0x30, 2], ['Length', 0x32, 2], ['Flags', 0x34, 1], ['Size', 0x35, 1], ['Segment', 0x36, 2], ['Register Base Address', 0x38, 8],
    ]);
    expect(drhd?.children[0]?.fields.map((f) => [f.path.slice(1).join('/'), f.offset])).toContainEqual(['scope#0/Path[0]', 0x46]);
  });

  it('turns DRHDs into remapping units with editable default CAP/ECAP', () => {
    const units = dmarToUnits(table('supermicro_x10dai_2s_hsw'));
    expect(units.map((u) => [u.registerBaseAddress, u.includePciAll, u.proximityDomain, u.registers.haw])).toEqual([
      [0xfbffc000n, false, 1, 46], [0xf3ffd000n, false, undefined, 46], [0xf3ffc000n, true, 0, 46],
    ]);
    expect(dmarToUnits(table('msi_prestige13_lnl_satc_drhdsize')).map((u) => u.registerSetBytes)).toEqual([0x10000, 0x10000, 0x10000]);
  });
});

describe('older iasl column layout', () => {
  it('rebuilds a table from "[000h 0000 004h]" field lines without a raw dump', () => {
    const listing = [
      '[000h 0000 004h]                   Signature : "DMAR"    [DMA Remapping table]',
      '[004h 0004 004h]                Table Length : 00000038',
      '[008h 0008 001h]                    Revision : 01',
      '[009h 0009 001h]                    Checksum : 8B',
      '[00Ah 0010 006h]                      Oem ID : "INTEL "',
      '[010h 0016 008h]                Oem Table ID : "OLDIASL "',
      '[018h 0024 004h]                Oem Revision : 00000001',
      '[01Ch 0028 004h]             Asl Compiler ID : "INTL"',
      '[020h 0032 004h]       Asl Compiler Revision : 00000001',
      '[024h 0036 001h]          Host Address Width : 26',
      '[025h 0037 001h]                       Flags : 01',
      '[030h 0048 002h]               Subtable Type : 0002 <Root Port ATS Capability>',
      '[032h 0050 002h]                      Length : 0008',
      '[034h 0052 001h]                       Flags : 01',
      '[036h 0054 002h]          PCI Segment Number : 0000',
    ].join('\n');
    const { format, table: t, diagnostics } = parseDmarInput(new TextEncoder().encode(listing));
    expect(format).toBe('iasl');
    expect(t?.header).toMatchObject({ length: 0x38, oemTableId: 'OLDIASL', haw: 39, flags: 1 });
    expect(t?.structures).toMatchObject([{ type: 'ATSR', offset: 0x30, length: 8, allPorts: true, segment: 0 }]);
    expect(diagnostics.map((d) => d.code)).toEqual(['checksum-mismatch']);
  });
});
