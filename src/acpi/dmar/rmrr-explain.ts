import { hex18, scopeText } from './lint-finding.ts';
import { findOwningDrhd, resolveScope, type PciBridge, type PciFunction } from './ownership.ts';
import { structureLabel, type DmarTable, type Rmrr } from './table.ts';

/**
 * What an RMRR means for the devices it names (vtd.md §7.6; Linux intel_iommu_get_resv_regions,
 * device_rmrr_is_relaxable): the range becomes a reserved region identity-mapped (IOVA = HPA,
 * read+write) in the device's default domain. For USB controllers (class 0x0C03) and display
 * devices (base class 0x03) it is IOMMU_RESV_DIRECT_RELAXABLE and the device can still be assigned
 * to a VM; for any other device it is IOMMU_RESV_DIRECT and assignment is refused.
 */

/** Linux ~v3.17–v6.4, intel_iommu_attach_device() (two spaces after "requirement."). */
export const KERNEL_RMRR_ATTACH_REFUSED_OLD =
  'Device is ineligible for IOMMU domain attach due to platform RMRR requirement.  Contact your platform vendor.';
/** Linux ≥ ~v6.5, drivers/iommu/iommu.c __iommu_device_set_domain() (require_direct). */
export const KERNEL_RMRR_ATTACH_REFUSED =
  'Firmware has requested this device have a 1:1 IOMMU mapping, rejecting configuring the device without a 1:1 mapping. Contact your platform vendor.';

export type DeviceClassKnowledge =
  | { readonly kind: 'usb' | 'display' | 'other'; readonly source: 'given' }
  | { readonly kind: 'usb' | 'display'; readonly source: 'intel-convention' }
  | { readonly kind: 'unknown' };

export interface PinnedDevice {
  readonly scope: string;
  readonly device: PciFunction | undefined;
  readonly owner: string | undefined;
  readonly deviceClass: DeviceClassKnowledge;
  /** true: relaxable (assignable); false: assignment refused; undefined: depends on the class. */
  readonly relaxable: boolean | undefined;
  readonly consequence: string;
}

export interface RmrrExplanation {
  readonly rmrr: string;
  readonly offset: number;
  readonly range: string;
  readonly bytes: bigint;
  readonly devices: readonly PinnedDevice[];
}

/**
 * Functions on bus 0 whose class Intel chipsets fix by convention: 00:02.0 integrated graphics,
 * 00:14.0 xHCI, 00:1a.x and 00:1d.x UHCI/EHCI. A guess, labelled as one; the caller's classes win.
 */
function conventionalClass(d: PciFunction): 'usb' | 'display' | undefined {
  if (d.bus !== 0) return undefined;
  if (d.device === 0x02 && d.function === 0) return 'display';
  if (d.device === 0x14 || d.device === 0x1a || d.device === 0x1d) return 'usb';
  return undefined;
}

/** 24-bit PCI class code → what device_rmrr_is_relaxable() tests (IS_USB_DEVICE, IS_GFX_DEVICE). */
export const classKind = (classCode: number): 'usb' | 'display' | 'other' =>
  classCode >> 8 === 0x0c03 ? 'usb' : classCode >> 16 === 0x03 ? 'display' : 'other';

export function explainRmrrs(
  table: DmarTable,
  options: { readonly classOf?: (device: PciFunction) => number | undefined; readonly bridges?: readonly PciBridge[] } = {},
): RmrrExplanation[] {
  return table.structures.filter((s): s is Rmrr => s.type === 'RMRR').map((rmrr) => ({
    rmrr: structureLabel(rmrr),
    offset: rmrr.offset,
    range: `[${hex18(rmrr.baseAddress)}-${hex18(rmrr.endAddress)}]`,
    bytes: rmrr.endAddress >= rmrr.baseAddress ? rmrr.endAddress - rmrr.baseAddress + 1n : 0n,
    devices: rmrr.deviceScopes.map((scope) => {
      const device = resolveScope(scope, rmrr.segment, options.bridges);
      const deviceClass = knowClass(device, options.classOf);
      const ownership = device === undefined ? undefined : findOwningDrhd(table, device, options.bridges);
      const owner = ownership === undefined || ownership.kind === 'none' ? undefined : structureLabel(ownership.drhd);
      const relaxable = deviceClass.kind === 'unknown' ? undefined : deviceClass.kind !== 'other';
      return { scope: scopeText(scope), device, owner, deviceClass, relaxable, consequence: consequence(relaxable) };
    }),
  }));
}

function knowClass(device: PciFunction | undefined, classOf: ((d: PciFunction) => number | undefined) | undefined): DeviceClassKnowledge {
  if (device === undefined) return { kind: 'unknown' };
  const given = classOf?.(device);
  if (given !== undefined) return { kind: classKind(given), source: 'given' };
  const guess = conventionalClass(device);
  return guess === undefined ? { kind: 'unknown' } : { kind: guess, source: 'intel-convention' };
}

function consequence(relaxable: boolean | undefined): string {
  const mapped = 'The kernel identity-maps the range (IOVA = HPA) in the device\'s default DMA domain.';
  if (relaxable === true) {
    return `${mapped} As a USB or display device its region is relaxable (IOMMU_RESV_DIRECT_RELAXABLE): the device can still be given to a VM with VFIO.`;
  }
  const refusal = `Assigning it to a VM fails: Linux v3.17–v6.4 log "${KERNEL_RMRR_ATTACH_REFUSED_OLD}"; Linux v6.5 and later log "${KERNEL_RMRR_ATTACH_REFUSED}"`;
  if (relaxable === false) return `${mapped} The region is IOMMU_RESV_DIRECT, not relaxable. ${refusal}`;
  return `${mapped} If the device is a USB controller (class 0x0c03) or display device (class 0x03xx) the region is relaxable and VFIO assignment works; otherwise it is not. ${refusal}`;
}
