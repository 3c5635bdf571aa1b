import type { Diagnostic, DiagnosticCode } from './diagnostics.ts';
import { lintScopes } from './lint-scopes.ts';
import { at, E820_RESERVED, hex18, type Checker, type E820Range, type LintFinding } from './lint-finding.ts';
import type { Andd, DmarTable, Drhd, Rhsa, Rmrr } from './table.ts';
import { structureLabel } from './table.ts';

export type { Checker, E820Range, LintFinding } from './lint-finding.ts';

/** Parser diagnostics other checkers also raise. */
const REPORTED_BY: Partial<Record<DiagnosticCode, readonly Checker[]>> = {
  'checksum-mismatch': ['acpica'],
  'zero-length-structure': ['linux'],
  'structure-passes-table-end': ['linux'],
  'unknown-structure-type': ['linux', 'edk2'],
  'andd-name-unterminated': ['linux'],
  'scope-length-too-small': ['fwts'],
};

/**
 * One combined report: the parser's diagnostics, then the checks of FWTS's `dmar` test, Linux's
 * parse_dmar_table()/dmar_parse_one_*()/rmrr_sanity_check(), edk2's dmar_parser.py, and checks none
 * of them make (overlapping RMRRs, RMRRs outside e820-reserved memory, duplicate scopes, SATC/ATSR
 * devices no DRHD translates). Never stops at the first finding.
 */
export function lintDmar(table: DmarTable, diagnostics: readonly Diagnostic[], options: { e820?: readonly E820Range[] } = {}): LintFinding[] {
  const findings: LintFinding[] = diagnostics.map((d) => ({
    severity: d.severity,
    code: d.code,
    offset: d.offset,
    length: d.length,
    message: d.message,
    alsoReportedBy: REPORTED_BY[d.code] ?? [],
  }));
  const push = (f: LintFinding): void => void findings.push(f);
  lintHeader(table, push);
  lintDrhds(table, push);
  for (const rmrr of table.structures.filter((s): s is Rmrr => s.type === 'RMRR')) lintRmrr(rmrr, options.e820, push);
  lintRmrrOverlaps(table, push);
  lintRhsas(table, push);
  lintAndds(table, push);
  lintOrder(table, push);
  lintScopes(table, push);
  return findings;
}

type Push = (finding: LintFinding) => void;

function lintHeader({ header, structures }: DmarTable, push: Push): void {
  if (header.length <= 48) {
    push({ severity: 'error', code: 'no-structures', offset: 4, length: 4, message: `Length ${at(header.length)} leaves no room for remapping structures (FWTS: "Invalid DMAR ACPI table.")`, alsoReportedBy: ['fwts'] });
  }
  // parse_dmar_table(): dmar->width < PAGE_SHIFT - 1 is rejected
  if (header.haw - 1 < 11) {
    push({ severity: 'error', code: 'haw-too-small', offset: 36, length: 1, message: `Host Address Width field ${header.haw - 1} (${header.haw} bits) is below 11; Linux rejects the table: "Invalid DMAR haw"`, alsoReportedBy: ['linux'] });
  }
  if (!structures.some((s) => s.type === 'DRHD')) {
    push({ severity: 'error', code: 'no-drhd', offset: 48, length: 0, message: 'no DRHD: Linux says "No DRHD structure found in DMAR table" and enables no remapping unit', alsoReportedBy: ['linux'] });
  }
  if ((header.flags & 0xf8) !== 0) {
    push({ severity: 'warning', code: 'flags-reserved', offset: 37, length: 1, message: `Flags 0x${header.flags.toString(16)} sets reserved bits 7:3`, alsoReportedBy: [] });
  }
  if ((header.flags & 0x2) !== 0 && (header.flags & 0x1) === 0) {
    push({ severity: 'warning', code: 'x2apic-opt-out-without-intr-remap', offset: 37, length: 1, message: 'X2APIC_OPT_OUT (bit 1) is set without INTR_REMAP (bit 0); the spec gives it meaning only with bit 0', alsoReportedBy: [] });
  }
  if ((header.flags & 0x4) === 0) {
    push({ severity: 'info', code: 'no-platform-opt-in', offset: 37, length: 1, message: 'DMA_CTRL_PLATFORM_OPT_IN_FLAG (bit 2) is clear: firmware does not promise pre-boot DMA protection, so Linux does not force the IOMMU on (Project Mu\'s DMA audit on edk2 dmar_parser.py fails DMARBitEnabled)', alsoReportedBy: ['edk2'] });
  }
}

function lintDrhds({ structures }: DmarTable, push: Push): void {
  const drhds = structures.filter((s): s is Drhd => s.type === 'DRHD');
  const includeAllBySegment = new Map<number, Drhd[]>();
  for (const drhd of drhds) {
    const label = structureLabel(drhd);
    const base = drhd.registerBaseAddress;
    if (base === 0n) {
      push({ severity: 'error', code: 'drhd-base-zero', offset: drhd.offset + 8, length: 8, message: `${label}: Register Base Address is 0; Linux: "Your BIOS is broken; DMAR reported at address 0!" and ignores the table`, alsoReportedBy: ['linux'] });
    } else if ((base & 0xfffn) !== 0n) {
      push({ severity: 'error', code: 'drhd-base-unaligned', offset: drhd.offset + 8, length: 8, message: `${label}: Register Base Address ${hex18(base)} is not 4 KiB aligned (FWTS InvalidDRHDRegAddr)`, alsoReportedBy: ['fwts'] });
    }
    const twin = drhds.find((o) => o !== drhd && o.index < drhd.index && o.segment === drhd.segment && o.registerBaseAddress === base);
    if (twin !== undefined) {
      push({ severity: 'warning', code: 'drhd-duplicate', offset: drhd.offset, length: drhd.length, message: `${label} repeats ${structureLabel(twin)} (segment ${drhd.segment}, base ${hex18(base)}); Linux dmar_find_dmaru() keeps the first and ignores this one's scopes`, alsoReportedBy: ['linux'] });
    }
    if (drhd.includePciAll) includeAllBySegment.set(drhd.segment, [...(includeAllBySegment.get(drhd.segment) ?? []), drhd]);
  }
  for (const [segment, units] of includeAllBySegment) {
    for (const extra of units.slice(1)) {
      push({ severity: 'error', code: 'include-all-repeated', offset: extra.offset + 4, length: 1, message: `${structureLabel(extra)}: a second INCLUDE_PCI_ALL unit on segment ${segment} (after ${units.map(structureLabel)[0]}); only one unit per segment may claim the rest (FWTS MultipleDRHDSFlag)`, alsoReportedBy: ['fwts'] });
    }
  }
  const allIncludeAll = [...includeAllBySegment.values()].map((units) => units[0]).filter((d): d is Drhd => d !== undefined);
  if (allIncludeAll.length > 1) {
    const second = allIncludeAll[1];
    if (second !== undefined) {
      push({ severity: 'info', code: 'fwts-include-all-global', offset: second.offset + 4, length: 1, message: `INCLUDE_PCI_ALL appears once on each of ${allIncludeAll.length} segments, which is correct; FWTS counts it over the whole table and wrongly fails MultipleDRHDSFlag`, alsoReportedBy: ['fwts'] });
    }
  }
  for (const segment of new Set(drhds.map((d) => d.segment))) {
    if (!includeAllBySegment.has(segment)) {
      const first = drhds.find((d) => d.segment === segment);
      push({ severity: 'info', code: 'no-include-all', offset: first?.offset ?? 48, length: 0, message: `segment ${segment} has no INCLUDE_PCI_ALL unit: DMA from a device no DRHD scope names is not remapped`, alsoReportedBy: [] });
    }
  }
}

function lintRmrr(rmrr: Rmrr, e820: readonly E820Range[] | undefined, push: Push): void {
  const label = structureLabel(rmrr);
  const { baseAddress: base, endAddress: end } = rmrr;
  const range = `[${hex18(base)}-${hex18(end)}]`;
  const where = { offset: rmrr.offset + 8, length: 16 };
  // rmrr_sanity_check() (Linux v5.6+): base and end + 1 page aligned, end > base
  const linuxBad = (base & 0xfffn) !== 0n || ((end + 1n) & 0xfffn) !== 0n || end <= base;
  // FWTS acpi_parse_one_rmrr(): base aligned, end ≥ base, (end - base + 1) a multiple of 4 KiB
  const fwtsBad = (base & 0xfffn) !== 0n || end < base || ((end - base + 1n) & 0xfffn) !== 0n;
  if (linuxBad || fwtsBad) {
    const why = end < base ? 'End is below Base' : end === base ? 'End equals Base' : 'not 4 KiB aligned';
    const by: Checker[] = [...(fwtsBad ? (['fwts'] as const) : []), ...(linuxBad ? (['linux'] as const) : [])];
    push({ severity: 'error', code: 'rmrr-bad-range', ...where, message: `${label}: ${why}; Linux: "Your BIOS is broken; bad RMRR ${range}" (still registered); FWTS: InvalidRMRRRangeAddr`, alsoReportedBy: by });
  }
  if (rmrr.deviceScopes.length === 0) {
    push({ severity: 'warning', code: 'rmrr-no-scope', offset: rmrr.offset, length: rmrr.length, message: `${label} ${range} names no device: it pins memory for nobody`, alsoReportedBy: [] });
  }
  if (e820 !== undefined && !coveredBy(e820, base, end, E820_RESERVED)) {
    // arch_rmrr_sanity_check() (x86, Linux v5.6+): e820__mapped_all(start, end, E820_TYPE_RESERVED)
    push({ severity: 'warning', code: 'rmrr-not-reserved', ...where, message: `${label}: "No firmware reserved region can cover this RMRR ${range}, contact BIOS vendor for fixes" (the e820 map given does not mark it all reserved)`, alsoReportedBy: ['linux'] });
  }
}

/** Whether [base, end] lies entirely in ranges of the given type (adjacent ranges join). */
function coveredBy(map: readonly E820Range[], base: bigint, end: bigint, type: number): boolean {
  const ranges = map.filter((r) => r.type === type).sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  let next = base;
  for (const r of ranges) {
    if (r.base > next) break;
    if (r.end >= next) next = r.end + 1n;
    if (next > end) return true;
  }
  return next > end;
}

function lintRmrrOverlaps({ structures }: DmarTable, push: Push): void {
  const rmrrs = structures.filter((s): s is Rmrr => s.type === 'RMRR' && s.endAddress >= s.baseAddress);
  rmrrs.forEach((a, i) => {
    for (const b of rmrrs.slice(i + 1)) {
      if (a.baseAddress <= b.endAddress && b.baseAddress <= a.endAddress) {
        push({ severity: 'warning', code: 'rmrr-overlap', offset: b.offset + 8, length: 16, message: `${structureLabel(b)} [${hex18(b.baseAddress)}-${hex18(b.endAddress)}] overlaps ${structureLabel(a)} [${hex18(a.baseAddress)}-${hex18(a.endAddress)}]`, alsoReportedBy: [] });
      }
    }
  });
}

function lintRhsas({ structures }: DmarTable, push: Push): void {
  const bases = new Set(structures.flatMap((s) => (s.type === 'DRHD' ? [s.registerBaseAddress] : [])));
  for (const rhsa of structures.filter((s): s is Rhsa => s.type === 'RHSA')) {
    if (!bases.has(rhsa.registerBaseAddress)) {
      push({ severity: 'warning', code: 'rhsa-no-drhd', offset: rhsa.offset + 8, length: 8, message: `${structureLabel(rhsa)}: Linux: "Your BIOS is broken; RHSA refers to non-existent DMAR unit at ${rhsa.registerBaseAddress.toString(16)}"`, alsoReportedBy: ['linux'] });
    }
  }
}

function lintAndds({ structures }: DmarTable, push: Push): void {
  const andds = structures.filter((s): s is Andd => s.type === 'ANDD');
  const namespaceIds = new Set(structures.flatMap((s) => (s.type === 'DRHD' ? s.deviceScopes.filter((c) => c.type === 5).map((c) => c.enumerationId) : [])));
  for (const andd of andds) {
    if (!namespaceIds.has(andd.acpiDeviceNumber)) {
      push({ severity: 'warning', code: 'andd-no-scope', offset: andd.offset + 7, length: 1, message: `${structureLabel(andd)} "${andd.objectName}": no DRHD has an ACPI namespace scope with enumeration ID ${andd.acpiDeviceNumber}; Linux: "No IOMMU scope found for ANDD enumeration ID ${andd.acpiDeviceNumber}"`, alsoReportedBy: ['linux'] });
    }
  }
  const first = andds[0];
  if (first !== undefined) {
    push({ severity: 'info', code: 'andd-present', offset: first.offset, length: first.length, message: `${andds.length} ANDD structure(s); Project Mu's DMA audit (edk2 dmar_parser.py ANDDCount) expects none`, alsoReportedBy: ['edk2'] });
  }
}

function lintOrder({ structures }: DmarTable, push: Push): void {
  structures.forEach((s, i) => {
    const previous = structures[i - 1];
    if (previous !== undefined && s.typeCode < previous.typeCode) {
      push({ severity: 'warning', code: 'structure-order', offset: s.offset, length: 2, message: `${structureLabel(s)} (type ${s.typeCode}) follows ${structureLabel(previous)} (type ${previous.typeCode}); VT-d §8.2 lists structures in type order`, alsoReportedBy: [] });
    }
    if (s.typeCode === 5 || s.typeCode === 6) {
      push({ severity: 'info', code: 'edk2-parser-stops', offset: s.offset, length: 2, message: `${structureLabel(s)}: type ${s.typeCode} is valid (VT-d 4.x), but edk2's dmar_parser.py asserts "Reserved remapping struct found in DMAR table" and iasl 20200925 stops decoding here`, alsoReportedBy: ['edk2'] });
    }
  });
}
