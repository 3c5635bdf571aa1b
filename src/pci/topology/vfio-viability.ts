import type { Grouping, IommuGroup } from './iommu-group.ts';
import { formatAddress, type PciFunction } from './topology.ts';

/**
 * Whether a device can be handed to VFIO: every function of its IOMMU group must leave DMA to
 * VFIO. Linux ≥ 5.19 asks the IOMMU core: a group is viable while no function in it is bound to a
 * driver that uses the kernel DMA API (vfio_group_ioctl_get_status sets VFIO_GROUP_FLAGS_VIABLE
 * when !iommu_group_dma_owner_claimed; only drivers with .driver_managed_dma = true, i.e. the vfio
 * drivers, pci-stub and pcieport, keep ownership unclaimed: "bus: platform,amba,fsl-mc,PCI: Add
 * device DMA ownership management" and its series). Linux ≤ 5.18 walked the group in
 * vfio_dev_viable(): no driver, pci-stub, a vfio driver, or any driver on a non-normal header
 * (a bridge) was allowed.
 */
export type VfioRules = 'dma-ownership' | 'vfio-dev-viable';

export interface MemberVerdict {
  readonly function: PciFunction;
  readonly ok: boolean;
  readonly reason: string;
}

export type Viability =
  | { readonly kind: 'viable'; readonly group: IommuGroup; readonly members: readonly MemberVerdict[] }
  | {
      readonly kind: 'not-viable';
      readonly group: IommuGroup;
      readonly members: readonly MemberVerdict[];
      /** QEMU's error and hint (hw/vfio: vfio_get_group; the device prefix from vfio_realize). */
      readonly qemuMessage: readonly string[];
    }
  | { readonly kind: 'not-found'; readonly message: string };

const isVfioDriver = (driver: string): boolean => /^vfio[-_]pci$/.test(driver) || /[-_]vfio[-_]pci$/.test(driver);

function verdict(f: PciFunction, rules: VfioRules): MemberVerdict {
  const driver = f.driver;
  if (driver === undefined) return { function: f, ok: true, reason: 'no driver bound' };
  if (isVfioDriver(driver)) return { function: f, ok: true, reason: `bound to ${driver}, a vfio bus driver` };
  if (driver === 'pci-stub') return { function: f, ok: true, reason: 'bound to pci-stub, which does no DMA' };
  if (rules === 'dma-ownership') {
    if (driver === 'pcieport') return { function: f, ok: true, reason: 'bound to pcieport, which sets driver_managed_dma (it does no DMA)' };
    return { function: f, ok: false, reason: `bound to ${driver}, which uses the kernel DMA API: the host owns the group's DMA until it is unbound` };
  }
  if (f.busRange !== undefined) return { function: f, ok: true, reason: `a bridge (non-normal header): vfio_dev_viable() allows its ${driver} driver` };
  return { function: f, ok: false, reason: `bound to ${driver}, not to vfio-pci or pci-stub` };
}

/** The verdict for passing `address` ("0000:01:00.0") through; unknown addresses return 'not-found'. */
export function vfioViability(grouping: Grouping, address: string, rules: VfioRules = 'dma-ownership'): Viability {
  const group = grouping.groups.find((g) => g.devices.some((f) => formatAddress(f.address) === address));
  if (group === undefined) return { kind: 'not-found', message: `${address} is in no group (no such function)` };
  const members = group.devices.map((f) => verdict(f, rules));
  if (members.every((m) => m.ok)) return { kind: 'viable', group, members };
  return {
    kind: 'not-viable',
    group,
    members,
    qemuMessage: [`vfio ${address}: group ${group.id} is not viable`, 'Please ensure all devices within the iommu_group are bound to their vfio bus driver.'],
  };
}
