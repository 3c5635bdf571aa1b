import { toHex, type ParseResult } from '../../hex.ts';
import { busOf, deviceOf, functionOf, parseSourceId } from '../../pci/source-id.ts';
import { hexOffset } from './diagnostics.ts';
import { scopeText } from './lint-finding.ts';
import { findOwningDrhd, resolveScope, type Ownership, type PciFunction } from './ownership.ts';
import { hasScopes, SCOPE_TYPE_NAMES, structureLabel, type DmarTable } from './table.ts';

/** Who owns one device: the DRHD that translates its DMA, in words, for the explorer and lessons. */
export interface OwnerAnswer {
  /** `0000:00:1f.3`. */
  readonly device: string;
  /** `DRHD#1`, or undefined when no unit translates the device. */
  readonly owner: string | undefined;
  readonly registerBaseAddress: string | undefined;
  /** Why, as dmar_find_matched_drhd_unit() decides it. */
  readonly reason: string;
  /** Scopes that could still claim the device with more topology (multi-hop paths, sub-hierarchies). */
  readonly caveats: readonly string[];
}

/** One device a scope of the table names, and its owner. */
export interface ScopeOwner extends OwnerAnswer {
  /** `RMRR#0`: the structure whose scope names the device. */
  readonly namedBy: string;
  readonly scopeOffset: number;
  readonly scopeType: string;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
export const pciFunctionText = (d: PciFunction): string => `${d.segment.toString(16).padStart(4, '0')}:${hex2(d.bus)}:${hex2(d.device)}.${d.function}`;

function explain(device: PciFunction, ownership: Ownership): OwnerAnswer {
  const caveats = ownership.kind === 'scope' ? [] : ownership.unresolved.map(({ drhd, scope }) =>
    `${structureLabel(drhd)}'s ${SCOPE_TYPE_NAMES[scope.type] ?? 'scope'} at ${hexOffset(scope.offset)} (${scopeText(scope)}) might claim it: resolving it needs the bridges' bus numbers`);
  const base = { device: pciFunctionText(device), caveats };
  switch (ownership.kind) {
    case 'scope': {
      const { drhd, scope, below } = ownership;
      const via = below === undefined ? 'names it' : `names bridge ${pciFunctionText(below)} above it`;
      return { ...base, owner: structureLabel(drhd), registerBaseAddress: toHex(drhd.registerBaseAddress), reason: `${structureLabel(drhd)}'s ${SCOPE_TYPE_NAMES[scope.type] ?? 'scope'} at ${hexOffset(scope.offset)} ${via}` };
    }
    case 'include-all':
      return { ...base, owner: structureLabel(ownership.drhd), registerBaseAddress: toHex(ownership.drhd.registerBaseAddress), reason: `no unit's scope names it, and ${structureLabel(ownership.drhd)} is INCLUDE_PCI_ALL on segment ${device.segment}` };
    case 'none':
      return { ...base, owner: undefined, registerBaseAddress: undefined, reason: `no unit's scope names it and segment ${device.segment} has no INCLUDE_PCI_ALL unit: its DMA is not remapped` };
  }
}

/**
 * Every PCI device a scope of the table names (in any structure), with the DRHD that owns it.
 * Multi-hop paths cannot be resolved without the bridges' bus numbers: they are listed by scope
 * text with no owner. IOAPIC, HPET and ACPI namespace scopes name no PCI function and are left out.
 */
export function scopeOwners(table: DmarTable): ScopeOwner[] {
  return table.structures.filter(hasScopes).flatMap((s) =>
    s.deviceScopes.flatMap((scope): ScopeOwner[] => {
      if (scope.type !== 1 && scope.type !== 2) return [];
      const named = { namedBy: structureLabel(s), scopeOffset: scope.offset, scopeType: SCOPE_TYPE_NAMES[scope.type] ?? '' };
      const device = resolveScope(scope, s.segment);
      if (device === undefined || scope.path.length > 1) {
        return [{ ...named, device: `${s.segment.toString(16).padStart(4, '0')}:${scopeText(scope)}`, owner: undefined, registerBaseAddress: undefined, reason: 'a multi-hop path: its last hop\'s bus is only known from the bridges\' bus numbers', caveats: [] }];
      }
      return [{ ...named, ...explain(device, findOwningDrhd(table, device)) }];
    }),
  );
}

const SEGMENT_PREFIX = /^\s*([0-9a-f]{1,4}):(?=[0-9a-f]{1,2}:)/i;

/**
 * The owner of the device `text` names: `BB:DD.F` (segment 0) or `SSSS:BB:DD.F`. Bad text returns
 * `ok: false` naming what was expected.
 */
export function ownerOfDevice(table: DmarTable, text: string): ParseResult<OwnerAnswer> {
  const prefix = SEGMENT_PREFIX.exec(text);
  const segment = prefix === null ? 0 : Number.parseInt(prefix[1] ?? '0', 16);
  const bdf = parseSourceId(prefix === null ? text : text.slice(prefix[0].length));
  if (!bdf.ok) return { ok: false, error: `"${text}" is not a PCI address (expected BB:DD.F or SSSS:BB:DD.F, e.g. 00:1f.3)` };
  const device = { segment, bus: busOf(bdf.value), device: deviceOf(bdf.value), function: functionOf(bdf.value) };
  return { ok: true, value: explain(device, findOwningDrhd(table, device)) };
}
