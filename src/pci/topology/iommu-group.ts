import { acsEnabled, acsPathEnabled, describe, REQ_ACS_FLAGS, type Platform } from './acs.ts';
import { devsAreDmaAliases, dmaAliasMask, dmaAliasSteps } from './dma-alias.ts';
import { ACS_LSPCI_NAME, acsBitsSet, devfn, formatAddress, probeOrder, sameBus, sameSlot, upstreamBridge, type PciFunction, type Topology } from './topology.ts';

/**
 * IOMMU groups as pci_device_group() in drivers/iommu/iommu.c forms them, for Linux 5.x through
 * 6.18 (the algorithm is unchanged in that span; a rework that groups by bus isolation, "iommu:
 * Compute iommu_groups properly for PCIe switches", was under review in September 2025 and is
 * not modelled). Functions are probed in the kernel's order and each either joins a group that
 * already exists or allocates the next one, so numbering follows iommu_group_alloc().
 */
export interface IommuGroup {
  /** Allocation order, 0-based, as the kernel's group IDs when only PCI devices are probed. */
  readonly id: number;
  readonly devices: readonly PciFunction[];
  /** One sentence per member: why it started the group or joined it. */
  readonly why: readonly string[];
  /** Some reason rests on information the dump lacks (see AcsVerdict.uncertain). */
  readonly uncertain: boolean;
}

export interface Grouping {
  readonly groups: readonly IommuGroup[];
  readonly groupOf: ReadonlyMap<PciFunction, number>;
}

interface MutableGroup { id: number; devices: PciFunction[]; why: string[]; uncertain: boolean }

const name = (f: PciFunction): string => formatAddress(f.address);

class GroupBuilder {
  readonly groups: MutableGroup[] = [];
  readonly groupOf = new Map<PciFunction, MutableGroup>();
  constructor(readonly topology: Topology, readonly order: readonly PciFunction[], readonly platform: Platform) {}

  add(dev: PciFunction, group: MutableGroup | undefined, why: string, uncertain: boolean): void {
    const target = group ?? { id: this.groups.length, devices: [], why: [], uncertain: false };
    if (group === undefined) this.groups.push(target);
    target.devices.push(dev);
    target.why.push(why);
    target.uncertain ||= uncertain;
    this.groupOf.set(dev, target);
  }

  /** get_pci_alias_group(): an existing group of `pdev` or of any DMA alias of it on its bus. */
  aliasGroup(pdev: PciFunction, devfns: Set<number>): { group: MutableGroup; via: PciFunction } | undefined {
    if (devfns.has(devfn(pdev.address))) return undefined;
    devfns.add(devfn(pdev.address));
    const own = this.groupOf.get(pdev);
    if (own !== undefined) return { group: own, via: pdev };
    for (const tmp of this.order) {
      if (tmp === pdev || !sameBus(tmp.address, pdev.address) || !devsAreDmaAliases(pdev, tmp)) continue;
      const found = this.aliasGroup(tmp, devfns) ?? this.functionAliasGroup(tmp, devfns)?.found;
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** get_pci_function_alias_group(): other functions of a multifunction slot when neither isolates itself. */
  functionAliasGroup(pdev: PciFunction, devfns: Set<number>): { found: { group: MutableGroup; via: PciFunction }; reasons: string[]; uncertain: boolean } | undefined {
    if (!pdev.multifunction) return undefined;
    const own = acsEnabled(this.topology, pdev, REQ_ACS_FLAGS, this.platform);
    if (own.enabled) return undefined;
    for (const tmp of this.order) {
      if (tmp === pdev || !sameSlot(tmp.address, pdev.address)) continue;
      const theirs = acsEnabled(this.topology, tmp, REQ_ACS_FLAGS, this.platform);
      if (theirs.enabled) continue;
      const found = this.aliasGroup(tmp, devfns);
      if (found !== undefined) return { found, reasons: [own.reason, theirs.reason], uncertain: own.uncertain || theirs.uncertain };
    }
    return undefined;
  }

  /** pci_device_group() for one function. */
  probe(dev: PciFunction): void {
    // 1. pci_for_each_dma_alias() with get_pci_alias_or_group(): stop at the first alias with a group.
    const steps = dmaAliasSteps(this.topology, dev);
    const aliasUncertain = steps.some((s) => s.function !== dev && s.function.portType === 'unknown');
    for (const step of steps) {
      const group = this.groupOf.get(step.function);
      if (group !== undefined && step.function !== dev) {
        this.add(dev, group, `${name(dev)}: its DMA reaches the IOMMU as ${step.requesterId} (${step.because}), the ID of ${name(step.function)} in this group`, aliasUncertain);
        return;
      }
    }
    const last = steps[steps.length - 1];
    let pdev = last?.function ?? dev;
    const aliasNote = pdev === dev ? '' : `; its DMA is seen as ${last?.requesterId ?? ''} (${last?.because ?? ''})`;

    // 2. Walk up until pci_acs_path_enabled(bus->self, NULL, REQ_ACS_FLAGS).
    let isolation = upstreamBridge(this.topology, pdev) === undefined ? `${name(pdev)} is on a root bus` : '';
    for (let bridge = upstreamBridge(this.topology, pdev); bridge !== undefined; bridge = upstreamBridge(this.topology, bridge)) {
      const path = acsPathEnabled(this.topology, bridge, REQ_ACS_FLAGS, this.platform);
      if (path.enabled) {
        const quirks = path.checked.flatMap((c) => (c.verdict.quirk === undefined ? [] : [c.verdict.reason]));
        isolation = `ACS is enabled from ${name(bridge)} up to the root bus (${acsBitsSet(REQ_ACS_FLAGS).map((b) => ACS_LSPCI_NAME[b]).join(' ')})${quirks.length > 0 ? `; ${quirks.join('; ')}` : ''}`;
        break;
      }
      const blocker = path.checked[path.checked.length - 1]?.verdict.reason ?? '';
      pdev = bridge;
      const group = this.groupOf.get(pdev);
      if (group !== undefined) {
        this.add(dev, group, `${name(dev)}: not isolated below ${name(bridge)}, because ${blocker}${aliasNote}`, path.uncertain || aliasUncertain);
        return;
      }
      isolation = `not isolated below ${name(bridge)} (${blocker}), which has no group yet`;
    }

    // 3. get_pci_alias_group(), 4. get_pci_function_alias_group(), sharing one devfn bitmap.
    const devfns = new Set<number>();
    const alias = this.aliasGroup(pdev, devfns);
    if (alias !== undefined) {
      const fixup = dmaAliasMask(pdev)?.fixup ?? dmaAliasMask(alias.via)?.fixup ?? 'DMA alias';
      this.add(dev, alias.group, `${name(dev)}: ${name(pdev)} and ${name(alias.via)} are DMA aliases of each other (${fixup})`, aliasUncertain);
      return;
    }
    const slot = this.functionAliasGroup(pdev, devfns);
    if (slot !== undefined) {
      this.add(dev, slot.found.group, `${name(dev)}: functions of one multifunction slot without ACS between them: ${slot.reasons.join('; ')}`, slot.uncertain || aliasUncertain);
      return;
    }
    // 5. iommu_group_alloc().
    const who = pdev === dev ? describe(dev) : `${describe(dev)} via ${name(pdev)}`;
    const own = pdev.multifunction ? acsEnabled(this.topology, pdev, REQ_ACS_FLAGS, this.platform) : undefined;
    const slotNote = own === undefined ? '' : own.enabled ? `; its own functions are isolated (${own.reason})` : '';
    this.add(dev, undefined, `${who} starts a new group: ${isolation || 'no shared group found'}${slotNote}${aliasNote}`, aliasUncertain);
  }
}

/** Every function of the topology in exactly one group. Never throws. */
export function computeGroups(topology: Topology, platform: Platform): Grouping {
  const order = probeOrder(topology.functions);
  const builder = new GroupBuilder(topology, order, platform);
  for (const f of order) builder.probe(f);
  const groups = builder.groups.map((g): IommuGroup => ({ id: g.id, devices: [...g.devices], why: [...g.why], uncertain: g.uncertain }));
  const groupOf = new Map<PciFunction, number>();
  for (const [f, g] of builder.groupOf) groupOf.set(f, g.id);
  return { groups, groupOf };
}
