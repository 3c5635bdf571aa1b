import { formatKernel, LEGACY_KERNEL, CURRENT_KERNEL } from './kernel-version.ts';

/** One function on the way from the driver's dma_map_page() to the page-table write. */
export interface CallFrame {
  readonly function: string;
  /** Source file, relative to the kernel tree, in the version the path is written for. */
  readonly file: string;
  readonly does: string;
  /** 'guest' for the VFIO guest's own kernel, 'host' otherwise. */
  readonly side: 'host' | 'guest';
}

export interface CallPath {
  readonly kernel: string;
  readonly frames: readonly CallFrame[];
}

/** Both ways one dma_map_page() went: as Linux 4.x did it and as current Linux does it. */
export interface CallPaths {
  /** Which of the two the scenario's kernel follows. */
  readonly applies: 'legacy' | 'current';
  readonly legacy: CallPath;
  readonly current: CallPath;
}

/** How the device's DMA is handled, which decides the path. */
export type DmaRoute = 'swiotlb-direct' | 'identity' | 'dma-domain' | 'vfio';

const f = (fn: string, file: string, does: string, side: 'host' | 'guest' = 'host'): CallFrame => ({ function: fn, file, does, side });

const DMA_MAP_PAGE_4 = f('dma_map_page_attrs', 'include/linux/dma-mapping.h', 'driver calls dma_map_page(dev, page, offset, size, dir); dispatches to get_dma_ops(dev)->map_page');
const DMA_MAP_PAGE_6 = f('dma_map_page_attrs', 'kernel/dma/mapping.c', 'driver calls dma_map_page(); dma_go_direct() or use_dma_iommu() picks the path');
const DIRECT_6 = [
  f('dma_direct_map_page', 'kernel/dma/direct.h', 'DMA address = phys_to_dma(phys): the physical address'),
  f('dma_capable', 'include/linux/dma-direct.h', 'does addr + size - 1 fit under the device DMA mask (and bus_dma_limit)?'),
  f('swiotlb_map', 'kernel/dma/swiotlb.c', 'only when not dma_capable: bounce through the swiotlb pool below 4 GiB'),
  f('swiotlb_tbl_map_single', 'kernel/dma/swiotlb.c', 'find free 2 KiB slots, copy the buffer in (DMA_TO_DEVICE), return the slot address'),
];
const INTEL_4 = [
  f('intel_map_page', 'drivers/iommu/intel-iommu.c', 'intel_dma_ops.map_page: phys = page_to_phys(page) + offset'),
  f('__intel_map_single', 'drivers/iommu/intel-iommu.c', 'BUG_ON(dir == DMA_NONE); the mapping work'),
  f('iommu_no_mapping', 'drivers/iommu/intel-iommu.c', 'device in si_domain (identity)? then return paddr untouched; a device whose mask is below dma_get_required_mask leaves si_domain ("32bit DMA uses non-identity mapping")'),
];
const INTEL_MAP_4 = [
  f('get_valid_domain_for_dev', 'drivers/iommu/intel-iommu.c', 'the device\'s private DMA domain (created and context-mapped on first use)'),
  f('intel_alloc_iova', 'drivers/iommu/intel-iommu.c', 'nrpages = __roundup_pow_of_two(nrpages); below 4 GiB first unless dmar_forcedac'),
  f('alloc_iova_fast', 'drivers/iommu/iova.c', 'range cache, else alloc_iova(size_aligned): top-down from the limit'),
  f('domain_pfn_mapping', 'drivers/iommu/intel-iommu.c', 'map IOVA pfns to paddr pfns with DMA_PTE_READ/WRITE'),
  f('__domain_mapping', 'drivers/iommu/intel-iommu.c', 'write the SLPTEs, superpages where hardware_largepage_caps allows'),
  f('__intel_map_single (return)', 'drivers/iommu/intel-iommu.c', 'return (iova_pfn << PAGE_SHIFT) + (paddr & ~PAGE_MASK): the page offset is kept'),
];
const IOMMU_DMA_6 = [
  f('iommu_dma_map_page', 'drivers/iommu/dma-iommu.c', 'iommu_dma_ops.map_page: phys = page_to_phys(page) + offset'),
  f('__iommu_dma_map', 'drivers/iommu/dma-iommu.c', 'iova_off = iova_offset(phys); size = iova_align(size + iova_off)'),
  f('iommu_dma_alloc_iova', 'drivers/iommu/dma-iommu.c', 'limit = min(dma_mask, bus_dma_limit, aperture_end); PCI devices try DMA_BIT_MASK(32) first'),
  f('alloc_iova_fast', 'drivers/iommu/iova.c', 'sizes under 1 << (IOVA_RANGE_CACHE_MAX_SIZE - 1) pages rounded to a power of two; range cache, else alloc_iova'),
  f('__alloc_and_insert_iova_range', 'drivers/iommu/iova.c', 'walk the rbtree down from the cached node for a size-aligned gap'),
  f('iommu_map', 'drivers/iommu/iommu.c', 'map [iova, iova + size) to phys - iova_off with IOMMU_READ/WRITE'),
  f('__iommu_map', 'drivers/iommu/iommu.c', 'split by the domain\'s pgsize_bitmap into page-size runs'),
  f('intel_iommu_map_pages', 'drivers/iommu/intel/iommu.c', 'iommu_domain_ops.map_pages'),
  f('__domain_mapping', 'drivers/iommu/intel/iommu.c', 'write the SLPTEs, superpages where hardware_largepage_caps allows'),
  f('__iommu_dma_map (return)', 'drivers/iommu/dma-iommu.c', 'return iova + iova_off: the page offset is kept'),
];
const VFIO_HOST = (intelMap: CallFrame[], file: string): CallFrame[] => [
  f('vfio_iommu_type1_ioctl', file, 'QEMU\'s memory listener (vfio_listener_region_add → vfio_dma_map) issues VFIO_IOMMU_MAP_DMA {vaddr, iova = GPA, size}'),
  f('vfio_dma_do_map', file, 'check the range against the domain aperture, record the vfio_dma'),
  f('vfio_pin_map_dma', file, 'pin and map the user range chunk by chunk'),
  f('vfio_pin_pages_remote', file, 'pin user pages (pin_user_pages_remote), gathering a physically contiguous pfn run'),
  f('vfio_iommu_map', file, 'iommu_map() the run into every domain of the container'),
  f('iommu_map', 'drivers/iommu/iommu.c', 'map [GPA, GPA + run) to the run\'s host-physical pages'),
  ...intelMap,
];

/**
 * The call path of one dma_map_page() for a device whose DMA takes `route`, written against
 * Linux 4.19 (the Intel driver's own dma_map_ops) and 6.12 (dma-iommu), names as in those trees.
 */
export function callPaths(route: DmaRoute, applies: CallPaths['applies']): CallPaths {
  const legacy = { kernel: formatKernel(LEGACY_KERNEL), frames: legacyFrames(route) };
  const current = { kernel: formatKernel(CURRENT_KERNEL), frames: currentFrames(route) };
  return { applies, legacy, current };
}

function legacyFrames(route: DmaRoute): CallFrame[] {
  switch (route) {
    case 'swiotlb-direct':
      return [
        DMA_MAP_PAGE_4,
        f('swiotlb_map_page', 'kernel/dma/swiotlb.c', 'swiotlb_dma_ops.map_page: dev_addr = phys when dma_capable()'),
        f('dma_capable', 'arch/x86/include/asm/dma-direct.h', 'does addr + size - 1 fit under *dev->dma_mask?'),
        f('map_single', 'kernel/dma/swiotlb.c', 'only when not dma_capable: bounce, starting at io_tlb_start'),
        f('swiotlb_tbl_map_single', 'kernel/dma/swiotlb.c', 'find free 2 KiB slots of the io_tlb pool below 4 GiB, copy the buffer in'),
      ];
    case 'identity':
      return [DMA_MAP_PAGE_4, ...INTEL_4, f('__intel_map_single (return)', 'drivers/iommu/intel-iommu.c', 'return paddr: identity, no IOVA allocated')];
    case 'dma-domain':
      return [DMA_MAP_PAGE_4, ...INTEL_4, ...INTEL_MAP_4];
    case 'vfio':
      return [
        f('dma_map_page_attrs', 'include/linux/dma-mapping.h', 'guest driver maps a buffer; with no vIOMMU the guest uses nommu/swiotlb ops: DMA address = GPA', 'guest'),
        ...VFIO_HOST(
          [
            f('intel_iommu_map', 'drivers/iommu/intel-iommu.c', 'iommu_ops.map for the UNMANAGED domain'),
            f('domain_pfn_mapping', 'drivers/iommu/intel-iommu.c', 'GPA pfns to host pfns'),
            f('__domain_mapping', 'drivers/iommu/intel-iommu.c', 'write the SLPTEs, superpages where aligned'),
          ],
          'drivers/vfio/vfio_iommu_type1.c',
        ),
      ];
  }
}

function currentFrames(route: DmaRoute): CallFrame[] {
  switch (route) {
    case 'swiotlb-direct':
    case 'identity':
      return [DMA_MAP_PAGE_6, ...DIRECT_6];
    case 'dma-domain':
      return [DMA_MAP_PAGE_6, ...IOMMU_DMA_6];
    case 'vfio':
      return [
        f('dma_map_page_attrs', 'kernel/dma/mapping.c', 'guest driver maps a buffer; no vIOMMU, so dma-direct', 'guest'),
        f('dma_direct_map_page', 'kernel/dma/direct.h', 'DMA address = the guest-physical address (GPA)', 'guest'),
        ...VFIO_HOST(
          [
            f('__iommu_map', 'drivers/iommu/iommu.c', 'split by pgsize_bitmap'),
            f('intel_iommu_map_pages', 'drivers/iommu/intel/iommu.c', 'iommu_domain_ops.map_pages of the UNMANAGED domain'),
            f('__domain_mapping', 'drivers/iommu/intel/iommu.c', 'write the SLPTEs, superpages where aligned'),
          ],
          'drivers/vfio/vfio_iommu_type1.c',
        ),
      ];
  }
}
