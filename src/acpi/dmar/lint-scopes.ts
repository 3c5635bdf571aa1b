import { at, scopeText, type LintFinding } from './lint-finding.ts';
import { findOwningDrhd, resolveScope } from './ownership.ts';
import { SCOPE_TYPE_NAMES, structureLabel, type DeviceScope, type DmarTable, type ScopedStructure } from './table.ts';
import { hasScopes } from './table.ts';

type Push = (finding: LintFinding) => void;

/** Scope types each structure may carry (VT-d 4.1 §8.3–8.9). */
const EXPECTED_TYPES: Record<ScopedStructure['type'], readonly number[]> = {
  DRHD: [1, 2, 3, 4, 5],
  RMRR: [1, 2],
  ATSR: [2],
  SATC: [1],
  SIDP: [1, 2],
};

const key = (s: DeviceScope): string => `${s.type}:${scopeText(s)}`;

/** Device-scope checks: lengths and types (FWTS, Linux, edk2), duplicates, and coverage of SATC/ATSR devices. */
export function lintScopes(table: DmarTable, push: Push): void {
  const scoped = table.structures.filter(hasScopes);
  for (const owner of scoped) lintOwnScopes(owner, push);
  lintDuplicatesAcrossDrhds(scoped, push);
  lintUncovered(table, scoped, push);
}

function lintOwnScopes(owner: ScopedStructure, push: Push): void {
  const label = structureLabel(owner);
  // FWTS acpi_parse_one_drhd() only looks at the scopes of DRHDs without INCLUDE_PCI_ALL, and of RMRRs
  const fwtsLooks = (owner.type === 'DRHD' && !owner.includePciAll) || owner.type === 'RMRR';
  const seen = new Set<string>();
  for (const scope of owner.deviceScopes) {
    const where = `${label} scope at ${at(scope.offset)}`;
    if (scope.path.length === 0) {
      push({ severity: 'error', code: 'scope-no-path', offset: scope.offset + 1, length: 1, message: `${where}: Length ${scope.length} leaves no path entry (FWTS InvalidDevScope)`, alsoReportedBy: fwtsLooks ? ['fwts'] : [] });
    }
    if (scope.type === 0 || scope.type >= 6) {
      push({ severity: 'warning', code: 'scope-type-reserved', offset: scope.offset, length: 1, message: `${where}: type ${scope.type} is reserved; Linux: "Unsupported device scope"; edk2 dmar_parser.py: "Reserved Device Scope Type Found"`, alsoReportedBy: ['linux', 'edk2'] });
    } else if (!EXPECTED_TYPES[owner.type].includes(scope.type)) {
      push({ severity: 'warning', code: 'scope-type-unexpected', offset: scope.offset, length: 1, message: `${where}: a ${SCOPE_TYPE_NAMES[scope.type] ?? ''} scope in a ${owner.type}, which lists ${EXPECTED_TYPES[owner.type].map((t) => SCOPE_TYPE_NAMES[t]).join(' or ')} scopes`, alsoReportedBy: [] });
    } else if (fwtsLooks && scope.type >= 3) {
      const words = scope.type === 5 ? '"Unknown device scope type."' : '"Unknown device scope type, the test case should be fixed."';
      push({ severity: 'info', code: 'fwts-scope-type', offset: scope.offset, length: 1, message: `${where}: a valid ${SCOPE_TYPE_NAMES[scope.type]} scope that FWTS's dmar test does not know: ${words}`, alsoReportedBy: ['fwts'] });
    }
    if (scope.reserved !== 0 || (scope.flags !== 0 && owner.type !== 'SIDP')) {
      push({ severity: 'info', code: 'scope-reserved-set', offset: scope.offset + 2, length: 2, message: `${where}: bytes 2-3 are 0x${scope.flags.toString(16)} 0x${scope.reserved.toString(16)}; outside SIDP they are reserved`, alsoReportedBy: [] });
    }
    const k = key(scope);
    if (seen.has(k)) {
      push({ severity: 'warning', code: 'scope-duplicate', offset: scope.offset, length: scope.length, message: `${where}: ${SCOPE_TYPE_NAMES[scope.type] ?? `type ${scope.type}`} ${scopeText(scope)} is listed twice in ${label}`, alsoReportedBy: [] });
    }
    seen.add(k);
  }
}

function lintDuplicatesAcrossDrhds(scoped: readonly ScopedStructure[], push: Push): void {
  const claimed = new Map<string, string>();
  const ids = new Map<string, number>();
  for (const drhd of scoped) {
    if (drhd.type !== 'DRHD') continue;
    for (const scope of drhd.deviceScopes) {
      if (scope.type === 1 || scope.type === 2) {
        const k = `${drhd.segment}:${key(scope)}`;
        const first = claimed.get(k);
        if (first !== undefined && first !== structureLabel(drhd)) {
          push({ severity: 'warning', code: 'scope-in-two-drhds', offset: scope.offset, length: scope.length, message: `${scopeText(scope)} is in both ${first} and ${structureLabel(drhd)}; Linux dmar_find_matched_drhd_unit() uses the later DRHD`, alsoReportedBy: [] });
        } else claimed.set(k, structureLabel(drhd));
      }
      if (scope.type === 3 || scope.type === 4) {
        const k = `${scope.type}:${scope.enumerationId}`;
        const count = (ids.get(k) ?? 0) + 1;
        ids.set(k, count);
        if (count === 2) {
          push({ severity: 'warning', code: 'scope-enumeration-id-repeated', offset: scope.offset + 4, length: 1, message: `${SCOPE_TYPE_NAMES[scope.type]} enumeration ID ${scope.enumerationId} appears more than once (again at ${at(scope.offset)}); interrupt remapping matches ${scope.type === 3 ? 'IOAPICs' : 'HPETs'} by this ID`, alsoReportedBy: [] });
        }
      }
    }
  }
}

function lintUncovered(table: DmarTable, scoped: readonly ScopedStructure[], push: Push): void {
  for (const owner of scoped) {
    if (owner.type !== 'SATC' && owner.type !== 'ATSR') continue;
    for (const scope of owner.deviceScopes) {
      const device = resolveScope(scope, owner.segment);
      if (device === undefined) continue;
      const ownership = findOwningDrhd(table, device);
      if (ownership.kind === 'none' && ownership.unresolved.length === 0) {
        push({ severity: 'warning', code: 'scope-not-translated', offset: scope.offset, length: scope.length, message: `${structureLabel(owner)} names ${scopeText(scope)} on segment ${owner.segment}, but no DRHD covers it (no scope names it and the segment has no INCLUDE_PCI_ALL unit)`, alsoReportedBy: [] });
      }
    }
  }
}
