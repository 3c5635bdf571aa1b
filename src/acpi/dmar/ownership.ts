import type { DeviceScope, DmarTable, Drhd } from './table.ts';

/** A PCI function on a segment: what a scope names and what a request comes from. */
export interface PciFunction {
  readonly segment: number;
  readonly bus: number;
  readonly device: number;
  readonly function: number;
}

/**
 * A bridge of the machine's PCI topology (from lspci or sysfs): the buses below it. Multi-hop scope
 * paths and sub-hierarchy scopes can only be resolved with these (VT-d 4.1 §8.3.1.1: each further
 * path entry sits on the secondary bus of the previous one).
 */
export interface PciBridge extends PciFunction {
  readonly secondaryBus: number;
  readonly subordinateBus: number;
}

export type Ownership =
  | { readonly kind: 'scope'; readonly drhd: Drhd; readonly scope: DeviceScope; readonly below: PciFunction | undefined }
  | { readonly kind: 'include-all'; readonly drhd: Drhd; readonly unresolved: readonly UnresolvedScope[] }
  | { readonly kind: 'none'; readonly unresolved: readonly UnresolvedScope[] };

/**
 * A scope checked before the answer that might still claim the device: a multi-hop path, or a
 * sub-hierarchy whose bus range is unknown without the bridge's secondary/subordinate bus numbers.
 */
export interface UnresolvedScope {
  readonly drhd: Drhd;
  readonly scope: DeviceScope;
}

const sameFunction = (a: PciFunction, b: PciFunction): boolean =>
  a.segment === b.segment && a.bus === b.bus && a.device === b.device && a.function === b.function;

/**
 * The PCI function a PCI endpoint or sub-hierarchy scope names, following multi-hop paths through
 * the given bridges; undefined for other scope types, or when a hop's bridge is not known.
 */
export function resolveScope(scope: DeviceScope, segment: number, bridges: readonly PciBridge[] = []): PciFunction | undefined {
  if (scope.type !== 1 && scope.type !== 2) return undefined;
  let bus = scope.startBus;
  let named: PciFunction | undefined;
  for (const [i, hop] of scope.path.entries()) {
    named = { segment, bus, device: hop.device, function: hop.function };
    if (i === scope.path.length - 1) break;
    const at = named;
    const bridge = bridges.find((b) => sameFunction(b, at));
    if (bridge === undefined) return undefined;
    bus = bridge.secondaryBus;
  }
  return named;
}

/** Whether `device` is `named` or sits below it (when `named` is a known bridge). */
function isAtOrBelow(device: PciFunction, named: PciFunction, bridges: readonly PciBridge[]): PciFunction | undefined | false {
  if (sameFunction(device, named)) return undefined;
  const bridge = bridges.find((b) => sameFunction(b, named));
  if (bridge !== undefined && device.segment === named.segment && device.bus >= bridge.secondaryBus && device.bus <= bridge.subordinateBus) {
    return named;
  }
  return false;
}

/**
 * The DRHD that translates a device's DMA, as Linux dmar_find_matched_drhd_unit() (v7.0) decides:
 * units are scanned in list order, where dmar_register_drhd_unit() puts INCLUDE_PCI_ALL units at
 * the tail and every other unit at the head (so a later DRHD in the table is tried first); a unit
 * matches when one of its PCI scopes names the device or a bridge above it
 * (dmar_pci_device_match walks up through dev->bus->self), or when it is INCLUDE_PCI_ALL on the
 * device's segment. `none` lists the scopes that could not be resolved without more topology.
 */
export function findOwningDrhd(table: DmarTable, device: PciFunction, bridges: readonly PciBridge[] = []): Ownership {
  const drhds = table.structures.filter((s): s is Drhd => s.type === 'DRHD');
  const listOrder = [...drhds.filter((d) => !d.includePciAll).reverse(), ...drhds.filter((d) => d.includePciAll)];
  const unresolved: UnresolvedScope[] = [];
  for (const drhd of listOrder) {
    if (drhd.includePciAll && drhd.segment === device.segment) return { kind: 'include-all', drhd, unresolved };
    for (const scope of drhd.deviceScopes) {
      if (scope.type !== 1 && scope.type !== 2) continue;
      const named = resolveScope(scope, drhd.segment, bridges);
      if (named === undefined) {
        unresolved.push({ drhd, scope });
        continue;
      }
      const below = isAtOrBelow(device, named, bridges);
      if (below !== false) return { kind: 'scope', drhd, scope, below };
      const subtreeUnknown = scope.type === 2 && named.segment === device.segment && !bridges.some((b) => sameFunction(b, named));
      if (subtreeUnknown) unresolved.push({ drhd, scope });
    }
  }
  return { kind: 'none', unresolved };
}
