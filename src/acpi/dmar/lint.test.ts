import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDmar } from './lint.ts';
import { parseDmar } from './parse.ts';
import { dmarTable } from './test-tables.ts';

const fixture = (name: string) => parseDmar(new Uint8Array(readFileSync(new URL(`./fixtures/${name}.bin`, import.meta.url))));
const lint = (parsed: ReturnType<typeof parseDmar>, e820?: Parameters<typeof lintDmar>[2]) => {
  if (parsed.table === undefined) throw new Error('no table');
  return lintDmar(parsed.table, parsed.diagnostics, e820);
};
/** Findings above info, as [code, offset, alsoReportedBy]. */
const problems = (parsed: ReturnType<typeof parseDmar>, e820?: Parameters<typeof lintDmar>[2]) =>
  lint(parsed, e820).filter((f) => f.severity !== 'info').map((f) => [f.code, f.offset, f.alsoReportedBy.join(',')]);

describe('lint findings on the real tables', () => {
  it.each([
    // fixture                            warnings and errors [code, offset, also reported by]
    ['qemu_q35_dmar',                     []],
    ['lenovo_thinkpad_x1carbon7_whl',     []],
    ['dell_latitude_9420_tgl',            []],
    ['hp_proliant_dl380e_gen8',           []],
    ['hp_compaq_6730b_zero_rmrr',         [['rmrr-bad-range', 0x80, 'fwts,linux']]],
    ['google_ecclesia_testdata',          [['rhsa-no-drhd', 0x140, 'linux'], ['rhsa-no-drhd', 0x154, 'linux']]],
    ['lenovo_thinkpad_x230_coreboot',     [['scope-enumeration-id-repeated', 0x74, '']]],
  ])('%s', (name, expected) => expect(problems(fixture(name))).toEqual(expected));

  it('quotes the kernel for the 6730b RMRR with base = end = 0', () => {
    const finding = lint(fixture('hp_compaq_6730b_zero_rmrr')).find((f) => f.code === 'rmrr-bad-range');
    expect(finding?.message).toBe('RMRR#0: End equals Base; Linux: "Your BIOS is broken; bad RMRR [0x0000000000000000-0x0000000000000000]" (still registered); FWTS: InvalidRMRRRangeAddr');
  });

  it('counts the nine ProLiant RMRRs and finds no overlap among them', () => {
    const parsed = fixture('hp_proliant_dl380e_gen8');
    expect(parsed.table?.structures.filter((s) => s.type === 'RMRR')).toHaveLength(9);
    expect(lint(parsed).filter((f) => f.code === 'rmrr-overlap')).toEqual([]);
  });

  it('flags a table without INCLUDE_PCI_ALL (QEMU q35 v2, ecclesia) as info', () => {
    expect(lint(fixture('qemu_q35_dmar')).filter((f) => f.code === 'no-include-all').map((f) => f.severity)).toEqual(['info']);
    expect(lint(fixture('qemu_q35_dmar_v1patch_include_all')).filter((f) => f.code === 'no-include-all')).toEqual([]);
  });

  it('marks SATC/SIDP as what edk2 dmar_parser.py rejects', () => {
    expect(lint(fixture('framework_laptop13_mtl_satc')).filter((f) => f.code === 'edk2-parser-stops').map((f) => f.offset)).toEqual([0x68, 0x80]);
  });

  it('checks RMRRs against an e820 map when given one', () => {
    const e820 = [{ base: 0x6f000000n, end: 0x6fa1efffn, type: 2 }, { base: 0x70000000n, end: 0x7fffffffn, type: 2 }];
    expect(problems(fixture('lenovo_thinkpad_x1carbon7_whl'), { e820 })).toEqual([['rmrr-not-reserved', 0xa8 + 8, 'linux']]);
  });
});

// Hand-built: two segments, each with its own INCLUDE_PCI_ALL unit (valid; FWTS counts globally).
const includeAll = (segment: number, base: number) => [0x00, 0x00, 0x10, 0x00, 0x01, 0x00, segment, 0x00, 0x00, base, 0xd9, 0xfe, 0, 0, 0, 0];
const RMRR = (base: number, end: number) => [0x01, 0x00, 0x20, 0x00, 0, 0, 0, 0, 0x00, 0x00, base, 0, 0, 0, 0, 0, 0xff, 0xff, end, 0, 0, 0, 0, 0, /* EP 00:14.0 */ 0x01, 0x08, 0, 0, 0, 0, 0x14, 0x00];

describe('lint on hand-built tables', () => {
  it('counts INCLUDE_PCI_ALL per segment', () => {
    const findings = lint(parseDmar(dmarTable([includeAll(0, 0x10), includeAll(1, 0x20)])));
    expect(findings.filter((f) => f.code.startsWith('include-all') || f.code === 'fwts-include-all-global').map((f) => [f.code, f.severity])).toEqual([['fwts-include-all-global', 'info']]);
    const twice = lint(parseDmar(dmarTable([includeAll(0, 0x10), includeAll(0, 0x20)])));
    expect(twice.filter((f) => f.code === 'include-all-repeated').map((f) => [f.offset, f.alsoReportedBy])).toEqual([[0x40 + 4, ['fwts']]]);
  });

  it('reports overlapping RMRRs', () => {
    const findings = lint(parseDmar(dmarTable([includeAll(0, 0x10), RMRR(0x10, 0x1f), RMRR(0x18, 0x2f)])));
    expect(findings.filter((f) => f.code === 'rmrr-overlap').map((f) => f.message)).toEqual([
      'RMRR#1 [0x0000000000180000-0x00000000002fffff] overlaps RMRR#0 [0x0000000000100000-0x00000000001fffff]',
    ]);
  });

  it('reports a SATC device no DRHD covers', () => {
    const drhd = [0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xd9, 0xfe, 0, 0, 0, 0, 0x01, 0x08, 0, 0, 0, 0x00, 0x02, 0x00];
    const satc = [0x05, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00, 0x00, /* EP 00:0b.0 */ 0x01, 0x08, 0, 0, 0, 0x00, 0x0b, 0x00];
    expect(problems(parseDmar(dmarTable([drhd, satc])))).toEqual([['scope-not-translated', 0x50, '']]);
  });
});
