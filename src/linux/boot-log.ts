import type { Platform, PlatformDevice } from '../platform/sample-platform.ts';
import { atLeast, DEFAULT_DOMAIN_LOG_SINCE, TLB_POLICY_LOG_SINCE, type KernelVersion } from './kernel-version.ts';

/** C's "%#016Lx": "0x" then zero-padded hex, 16 characters in all (DRHD/RMRR lines of dmar.c). */
const alt016 = (value: bigint): string => `0x${value.toString(16).padStart(14, '0')}`;
/** C's "%pa" (phys_addr_t): "0x" and 16 hex digits. */
const pa = (value: bigint): string => `0x${value.toString(16).padStart(16, '0')}`;

/** The DMAR table lines dmar_table_print_dmar_entry() and alloc_iommu() print (drivers/iommu/intel/dmar.c). */
export function dmarTableLog(platform: Platform): string[] {
  const lines = [`DMAR: Host address width ${platform.haw}`];
  platform.units.forEach((unit, index) => {
    lines.push(`DMAR: DRHD base: ${alt016(unit.registerBase)} flags: 0x${unit.includePciAll ? 1 : 0}`);
    lines.push(`DMAR: dmar${index}: reg_base_addr ${unit.registerBase.toString(16)} ver 1:0 cap ${unit.cap.toString(16)} ecap ${unit.ecap.toString(16)}`);
  });
  for (const rmrr of platform.rmrrs) lines.push(`DMAR: RMRR base: ${alt016(rmrr.base)} end: ${alt016(rmrr.base + rmrr.size - 1n)}`);
  return lines;
}

/** x86 pci_iommu_init() / swiotlb_print_info() lines for the default pool (kernel/dma/swiotlb.c). */
export function swiotlbLog(platform: Platform): string[] {
  const { base, size } = platform.swiotlbPool;
  return ['PCI-DMA: Using software bounce buffering for IO (SWIOTLB)', `software IO TLB: mapped [mem ${pa(base)}-${pa(base + size)}] (${size >> 20n}MB)`];
}

export type DefaultDomainType = 'Translated' | 'Passthrough';

/**
 * The lines an enabled IOMMU prints: iommu_subsys_init()'s default type (v5.2+) and TLB policy
 * (v5.15+, drivers/iommu/iommu.c), each unit's invalidation mode (intel_iommu_init_qi), one
 * "Adding to iommu group" per device (iommu_group_add_device) and the closing banner.
 */
export function enabledIommuLog(options: {
  platform: Platform;
  kernel: KernelVersion;
  defaultType: DefaultDomainType;
  setViaCommandLine: boolean;
}): string[] {
  const { platform, kernel, defaultType, setViaCommandLine } = options;
  const lines: string[] = [];
  if (atLeast(kernel, DEFAULT_DOMAIN_LOG_SINCE)) {
    lines.push(`iommu: Default domain type: ${defaultType}${setViaCommandLine ? ' (set via kernel command line)' : ''}`);
    if (defaultType === 'Translated' && atLeast(kernel, TLB_POLICY_LOG_SINCE)) lines.push('iommu: DMA domain TLB invalidation policy: lazy mode');
  }
  platform.units.forEach((unit, index) => {
    lines.push(`DMAR: dmar${index}: Using ${(unit.ecap & 2n) !== 0n ? 'Queued' : 'Register based'} invalidation`);
  });
  groupNumbers(platform).forEach((group, device) => lines.push(`pci 0000:${device.bdf}: Adding to iommu group ${group}`));
  lines.push('DMAR: Intel(R) Virtualization Technology for Directed I/O');
  return lines;
}

/** IOMMU group numbers in probe order (one per group of the sample platform). */
function groupNumbers(platform: Platform): Map<PlatformDevice, number> {
  const numbers = new Map<PlatformDevice, number>();
  const byGroup = new Map<string, number>();
  for (const device of platform.devices) {
    const key = device.group.join(',');
    if (!byGroup.has(key)) byGroup.set(key, byGroup.size);
    numbers.set(device, byGroup.get(key) ?? 0);
  }
  return numbers;
}
