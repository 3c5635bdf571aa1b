import { describe, expect, it } from 'vitest';
import { fault, givenMachine, ok, summary, translateAt } from './testing.ts';

/*
 * One unit: HAW 39; CAP = 0x0000000c00380e06: ND 6, SAGAW 0b01110 (39/48/57-bit AGAWs),
 * MGAW 56+1 = 57, SLLPS 0b0011 (2 MiB and 1 GiB); ECAP = 0x40: PT, no DT, no SC.
 * RTADDR 0x10000. Bus 0's context table at 0x11000.
 */
const CAP = 0x0000_000c_0038_0e06n;
const ECAP_PT = 0x40n;

const TABLES = {
  // root entry, bus 0: P=1, CTP=0x11000
  '0x10000': 0x0000_0000_0001_1001n,
  // context 00:02.0 (devfn 0x10): P=1 TT=00 SLPTPTR=0x20000 | AW=2 (4-level) DID=2
  '0x11100': 0x0000_0000_0002_0001n, '0x11108': 0x0000_0000_0000_0202n,
  // PML4E[0] → 0x21000, PDPE[0] → 0x22000, PDE[0] → 0x23000: R|W
  '0x20000': 0x0000_0000_0002_1003n, '0x21000': 0x0000_0000_0002_2003n, '0x22000': 0x0000_0000_0002_3003n,
  // PTE[1]: 0x7bf01000 R|W; PTE[2]: 0x7bf02000 R only; PTE[3]: W only
  '0x23008': 0x0000_0000_7bf0_1003n, '0x23010': 0x0000_0000_7bf0_2001n, '0x23018': 0x0000_0000_7bf0_3002n,
  // PDE[1]: 2 MiB leaf at 0x4_0020_0000, R|W|PS
  '0x22008': 0x0000_0004_0020_0083n,
  // PDPE[1]: 1 GiB leaf at 0x40000000, R|PS (read-only)
  '0x21008': 0x0000_0000_4000_0081n,
};

const machine = givenMachine({ cap: CAP, ecap: ECAP_PT, rtaddr: 0x10000n }, TABLES);

describe('a 4-level walk (AW=2) through 00:02.0', () => {
  it.each([
    // iova                 access    expected
    [0x1234n,               'read',  ok(0x7bf0_1234n)],             // PTE[1] R|W
    [0x1234n,               'write', ok(0x7bf0_1234n)],
    [0x2010n,               'read',  ok(0x7bf0_2010n)],             // PTE[2] read-only
    [0x2010n,               'write', fault(0x5, 'pt')],             // PTE[2] W=0
    [0x3000n,               'read',  fault(0x6, 'pt')],             // PTE[3] write-only: R=0
    [0x3000n,               'write', ok(0x7bf0_3000n)],
    [0x4000n,               'read',  fault(0x6, 'pt')],             // PTE[4] all zero: not present reads as R=0
    [0x4000n,               'write', fault(0x5, 'pt')],
    [0x2a_bcden,            'write', ok(0x4_002a_bcden)],           // PDE[1]: 2 MiB page, offset 21 bits
    [0x4123_4567n,          'read',  ok(0x4123_4567n)],             // PDPE[1]: 1 GiB page, offset 30 bits
    [0x4123_4567n,          'write', fault(0x5, 'pdpt')],           // the 1 GiB leaf has W=0
    [0x80_0000_0000n,       'read',  fault(0x6, 'pml4')],           // PML4E[1] empty
    [0x1_0000_0000_0000n,   'read',  fault(0x4, 'context')],        // bit 48: beyond the 48-bit AGAW
    [0x8000_0000_0000_0000n,'write', fault(0x4, 'context')],
  ] as const)('%s %s', (address, access, expected) => {
    expect(summary(translateAt(machine, '00:02.0', address, access))).toEqual(expected);
  });

  it('reads one entry per level and names the IOVA bits that indexed it', () => {
    const t = translateAt(machine, '00:02.0', 0x1234n);
    expect(t.steps.map((s) => [s.kind, s.entryAddress, s.indexedBy.hi, s.indexedBy.lo, s.index])).toEqual([
      ['root', 0x10000n, 15, 8, 0],
      ['context', 0x11100n, 7, 0, 0x10],
      ['pml4', 0x20000n, 47, 39, 0],
      ['pdpt', 0x21000n, 38, 30, 0],
      ['pd', 0x22000n, 29, 21, 0],
      ['pt', 0x23008n, 20, 12, 1],
    ]);
  });

  it('keeps each entry raw beside its decoded fields', () => {
    const [root, context, , , , pte] = translateAt(machine, '00:02.0', 0x1234n).steps;
    expect(root?.kind === 'root' && root.rootEntry).toEqual({ raw: [0x11001n, 0n], present: true, ctp: 0x11000n });
    expect(context?.kind === 'context' && context.contextEntry).toEqual({
      raw: [0x20001n, 0x202n], present: true, fpd: false, tt: 0, slptptr: 0x20000n, aw: 2, did: 2,
    });
    expect(pte?.kind === 'pt' && pte.slpte).toEqual({ raw: 0x7bf0_1003n, r: true, w: true, ps: false, snp: false, address: 0x7bf0_1000n });
  });
});

describe('permissions accumulate down the walk (VT-d 4.1 §3.6; QEMU vtd_iova_to_slpte)', () => {
  // PML4E W=0 above an R|W PTE: every write below it faults 5h at the PML4E itself.
  const readOnlyTop = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, '0x20000': 0x0000_0000_0002_1001n });
  it.each([
    [0x1234n, 'read', ok(0x7bf0_1234n)],
    [0x1234n, 'write', fault(0x5, 'pml4')],
  ] as const)('%s %s', (address, access, expected) => {
    expect(summary(translateAt(readOnlyTop, '00:02.0', address, access))).toEqual(expected);
  });
});

describe('root and context entries (VT-d 4.1 §9.1, §9.3)', () => {
  it.each([
    // what is changed                                          bdf        expected
    ['nothing: bus 1 has no root entry',         {},                                         '01:00.0', fault(0x1, 'root')],
    ['root entry bit 1 (reserved)',              { '0x10000': 0x0000_0000_0001_1003n },       '00:02.0', fault(0xa, 'root')],
    ['root entry hi qword (reserved)',           { '0x10008': 0x1n },                         '00:02.0', fault(0xa, 'root')],
    ['root CTP bit 39, above HAW 39',            { '0x10000': 0x0000_0080_0001_1001n },       '00:02.0', fault(0xa, 'root')],
    ['nothing: 00:03.0 has no context entry',    {},                                         '00:03.0', fault(0x2, 'context')],
    ['context bit 4 (reserved)',                 { '0x11100': 0x0000_0000_0002_0011n },       '00:02.0', fault(0xb, 'context')],
    ['context bit 71 (reserved)',                { '0x11108': 0x0000_0000_0000_0282n },       '00:02.0', fault(0xb, 'context')],
    ['context bit 88 (reserved)',                { '0x11108': 0x0000_0000_0100_0202n },       '00:02.0', fault(0xb, 'context')],
    ['context AW=0 (30-bit) not in SAGAW',       { '0x11108': 0x0000_0000_0000_0200n },       '00:02.0', fault(0x3, 'context')],
    ['context AW=4 not in SAGAW',                { '0x11108': 0x0000_0000_0000_0204n },       '00:02.0', fault(0x3, 'context')],
    ['context TT=01 without ECAP.DT',            { '0x11100': 0x0000_0000_0002_0005n },       '00:02.0', fault(0x3, 'context')],
    ['context TT=11 (reserved)',                 { '0x11100': 0x0000_0000_0002_000dn },       '00:02.0', fault(0x3, 'context')],
  ] as const)('%s', (_what, patch, bdf, expected) => {
    const m = givenMachine({ cap: CAP, ecap: ECAP_PT, rtaddr: 0x10000n }, { ...TABLES, ...patch });
    expect(summary(translateAt(m, bdf, 0x1234n))).toEqual(expected);
  });

  it('checks the root entry before the context entry: P=0 wins over reserved bits (QEMU order)', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, '0x10000': 0x0000_0000_0001_1002n });
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(fault(0x1, 'root'));
  });

  it('suppresses recording of a qualified fault when the context entry sets FPD, but still fails the DMA', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, '0x11100': 0x0000_0000_0002_0003n });
    const t = translateAt(m, '00:02.0', 0x4000n);
    expect(t.kind === 'fault' && [t.fault.reason, t.fault.recorded]).toEqual([0x6, false]);
  });
});

describe('translation types', () => {
  const passThrough = { ...TABLES, '0x11100': 0x0000_0000_0000_0009n }; // P=1 TT=10, SLPTPTR ignored
  it('TT=10 with ECAP.PT passes the DMA address through, with no width check', () => {
    const m = givenMachine({ cap: CAP, ecap: ECAP_PT, rtaddr: 0x10000n }, passThrough);
    const t = translateAt(m, '00:02.0', 0x7f_ffff_f123n, 'write');
    expect(t.kind === 'ok' && [t.route, t.hpa, t.steps.map((s) => s.kind)]).toEqual(['pass-through', 0x7f_ffff_f123n, ['root', 'context']]);
  });
  it('TT=10 without ECAP.PT is an invalid context entry (3h)', () => {
    const m = givenMachine({ cap: CAP, ecap: 0n, rtaddr: 0x10000n }, passThrough);
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(fault(0x3, 'context'));
  });
  it('TT=01 with ECAP.DT (0x4) walks as TT=00', () => {
    const m = givenMachine({ cap: CAP, ecap: 0x4n, rtaddr: 0x10000n }, { ...TABLES, '0x11100': 0x0000_0000_0002_0005n });
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(ok(0x7bf0_1234n));
  });
  it('with GSTS.TES=0 the DMA address is the host-physical address and nothing is read', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n, translationEnabled: false }, TABLES);
    const t = translateAt(m, '05:00.0', 0xdead_b000n, 'write');
    expect(t.kind === 'ok' && [t.route, t.hpa, t.steps.length]).toEqual(['translation-disabled', 0xdead_b000n, 0]);
  });
  it.each([0xfee0_0000n, 0xfeef_fffcn])('a request to %s is an interrupt message, never walked (VT-d 4.1 §3.14)', (address) => {
    expect(summary(translateAt(machine, '00:02.0', address, 'write'))).toBe('interrupt');
  });
  it('0xfedfffff and 0xfef00000 are outside the interrupt range and are walked', () => {
    expect(summary(translateAt(machine, '00:02.0', 0xfedf_f000n))).toEqual(fault(0x6, 'pdpt'));
    expect(summary(translateAt(machine, '00:02.0', 0xfef0_0000n))).toEqual(fault(0x6, 'pdpt'));
  });
});

describe('3- and 5-level tables', () => {
  it('AW=1 walks PDPE, PDE, PTE from SLPTPTR and faults 4h at bit 39', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, '0x11100': 0x0000_0000_0002_1001n, '0x11108': 0x0000_0000_0000_0201n });
    expect(translateAt(m, '00:02.0', 0x1234n).steps.map((s) => s.kind)).toEqual(['root', 'context', 'pdpt', 'pd', 'pt']);
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(ok(0x7bf0_1234n));
    expect(summary(translateAt(m, '00:02.0', 0x80_0000_0000n))).toEqual(fault(0x4, 'context'));
  });
  it('AW=3 walks a PML5E first; IOVA bit 48 is in range for 57 bits', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, {
      ...TABLES,
      '0x11100': 0x0000_0000_0001_f001n, '0x11108': 0x0000_0000_0000_0203n,
      // PML5E[1] (IOVA bit 48) → the same PML4 at 0x20000
      '0x1f008': 0x0000_0000_0002_0003n,
    });
    const t = translateAt(m, '00:02.0', 0x1_0000_0000_1234n);
    expect(t.steps.map((s) => s.kind)).toEqual(['root', 'context', 'pml5', 'pml4', 'pdpt', 'pd', 'pt']);
    expect(summary(t)).toEqual(ok(0x7bf0_1234n));
    expect(summary(translateAt(m, '00:02.0', 0x200_0000_0000_0000n))).toEqual(fault(0x4, 'context')); // bit 57
  });
  it('an AGAW wider than CAP.MGAW is cut to MGAW: AW=3 with MGAW 48 faults 4h at bit 48', () => {
    const cap48 = 0x0000_000c_002f_0e06n; // MGAW field 47
    const m = givenMachine({ cap: cap48, rtaddr: 0x10000n }, { ...TABLES, '0x11108': 0x0000_0000_0000_0203n });
    expect(summary(translateAt(m, '00:02.0', 0x1_0000_0000_0000n))).toEqual(fault(0x4, 'context'));
  });
});

describe('reserved bits of second-level entries (QEMU VTD_SPTE_*_RSVD_MASK, aw-bits = HAW)', () => {
  it.each([
    ['PML4E PS (bit 7)',               { '0x20000': 0x0000_0000_0002_1083n }, 'pml4'],
    ['PML4E bit 11',                   { '0x20000': 0x0000_0000_0002_1803n }, 'pml4'],
    ['PDPE address bit 39, above HAW', { '0x21000': 0x0000_0080_0002_2003n }, 'pdpt'],
    ['PDE TM (bit 62)',                { '0x22000': 0x4000_0000_0002_3003n }, 'pd'],
    ['PTE SNP (bit 11) without ECAP.SC', { '0x23008': 0x0000_0000_7bf0_1803n }, 'pt'],
    ['2 MiB leaf frame not aligned (bit 12)', { '0x22008': 0x0000_0004_0020_1083n }, 'pd'],
    ['1 GiB leaf frame not aligned (bit 21)', { '0x21008': 0x0000_0000_4020_0081n }, 'pdpt'],
  ] as const)('%s faults Ch', (_what, patch, at) => {
    const address = at === 'pd' && '0x22008' in patch ? 0x20_0000n : at === 'pdpt' && '0x21008' in patch ? 0x4000_0000n : 0x1234n;
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, ...patch });
    expect(summary(translateAt(m, '00:02.0', address))).toEqual(fault(0xc, at));
  });

  it('ignores bits 63 and 61:52, free for software', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, '0x23008': 0xbff0_0000_7bf0_1003n });
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(ok(0x7bf0_1234n));
  });

  it('accepts SNP in a leaf when ECAP.SC (0x80) makes it a field', () => {
    const m = givenMachine({ cap: CAP, ecap: 0x80n, rtaddr: 0x10000n }, { ...TABLES, '0x23008': 0x0000_0000_7bf0_1803n });
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(ok(0x7bf0_1234n));
  });

  it('checks permission before reserved bits: R=W=0 with bit 62 set is 6h, not Ch', () => {
    const m = givenMachine({ cap: CAP, rtaddr: 0x10000n }, { ...TABLES, '0x23008': 0x4000_0000_7bf0_1000n });
    expect(summary(translateAt(m, '00:02.0', 0x1234n))).toEqual(fault(0x6, 'pt'));
  });

  it('treats PS in a PDE as reserved when CAP.SLLPS lacks 2 MiB pages (VT-d 4.1 §9.8)', () => {
    const noLargePages = 0x0000_0000_0038_0e06n;
    const m = givenMachine({ cap: noLargePages, rtaddr: 0x10000n }, TABLES);
    const t = translateAt(m, '00:02.0', 0x20_0000n);
    expect(summary(t)).toEqual(fault(0xc, 'pd'));
    expect(t.kind === 'fault' && t.fault.bits).toEqual([7]);
  });
});
