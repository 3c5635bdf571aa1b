import { hpa, iova, toHex, type Hpa, type Iova } from '../hex.ts';
import { INTERRUPT_WINDOW, rmrrsOf, type Platform, type PlatformDevice } from '../platform/sample-platform.ts';
import { map, unmap, type Domain } from '../vtd/page-table.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE, IovaDomain, roundupPowOfTwo } from './iova-allocator.ts';
import { atLeast, DMA_IOMMU_SINCE, type KernelVersion } from './kernel-version.ts';

const PAGE = 0x1000n;
const pageAlign = (n: bigint): bigint => (n + PAGE - 1n) & ~(PAGE - 1n);

/** A buffer a driver hands to dma_map_page(): its physical address (any offset) and length. */
export interface DmaBuffer {
  readonly phys: bigint;
  readonly size: bigint;
}

/** What a driver gets back: the DMA address to program, the memory it reaches, and how. */
export interface DmaMapping {
  /** The DMA address the driver programs into the device (page offset kept). */
  readonly iova: Iova;
  /** The host-physical address the device's first byte reaches. */
  readonly hpa: Hpa;
  readonly size: bigint;
  /** The IOVA range allocated and mapped for it (page aligned), when an IOMMU domain did it. */
  readonly allocated?: { readonly iova: Iova; readonly size: bigint };
  /** Set when dma-direct bounced the buffer through swiotlb: the buffer the data is copied from/to. */
  readonly bounce?: { readonly buffer: Hpa };
}

export type DmaMapResult = { readonly ok: true; readonly mapping: DmaMapping } | { readonly ok: false; readonly error: string };
export type DmaUnmapResult = { readonly ok: true; readonly freed: bigint } | { readonly ok: false; readonly error: string };

/** A device's DMA API as the scenario's kernel sets it up. */
export interface DeviceDma {
  readonly kind: 'iommu-dma' | 'intel-dma-ops' | 'dma-direct';
  map(buffer: DmaBuffer): DmaMapResult;
  unmap(dmaAddress: bigint, size: bigint): DmaUnmapResult;
  /** dev_notice() messages the mappings so far made the kernel print ("Using 64-bit DMA addresses"). */
  readonly messages: readonly string[];
}

const maskOf = (bits: number): bigint => (bits >= 64 ? (1n << 64n) - 1n : (1n << BigInt(bits)) - 1n);
const bitsPer = (value: bigint): number => value.toString(2).length;

/**
 * Reserved IOVA regions of a device's DMA domain. dma-iommu (v5.11+): the host bridge's memory
 * windows (iova_reserve_pci_windows) and the device's reserved regions (iova_reserve_iommu_regions:
 * the MSI window IOAPIC_RANGE_START–END and its RMRRs). Before v5.11 the Intel driver reserved the
 * IOAPIC range and every PCI device's memory BARs (dmar_init_reserved_ranges), and RMRRs as it
 * mapped them (domain_prepare_identity_map).
 */
function reservedIovaRegions(platform: Platform, device: PlatformDevice, kernel: KernelVersion): { base: bigint; size: bigint }[] {
  const rmrrs = rmrrsOf(platform, device.bdf).map(({ base, size }) => ({ base, size }));
  const msi = { base: INTERRUPT_WINDOW.base, size: INTERRUPT_WINDOW.size };
  if (atLeast(kernel, DMA_IOMMU_SINCE)) return [...platform.pciWindows.map(({ base, size }) => ({ base, size })), msi, ...rmrrs];
  return [msi, ...platform.devices.flatMap((d) => d.bars.map(({ base, size }) => ({ base, size }))), ...rmrrs];
}

/**
 * The IOMMU DMA path for a device in a DMA domain: v5.11+ iommu_dma_map_page → __iommu_dma_map →
 * iommu_dma_alloc_iova (32-bit IOVAs first for PCI devices, sizes under the range-cache limit
 * rounded to a power of two) → iommu_map; before v5.11 intel_map_page → __intel_map_single →
 * intel_alloc_iova (every size rounded to a power of two, 32-bit first unless forcedac) →
 * domain_pfn_mapping. Unmapped IOVAs return to the allocator at once (strict mode, or lazy mode
 * after its flush queue drained).
 */
export function createIommuDma(options: { platform: Platform; device: PlatformDevice; domain: Domain; gaw: number; kernel: KernelVersion }): DeviceDma {
  const { platform, device, domain, gaw, kernel } = options;
  const iovad = new IovaDomain(1n);
  for (const region of reservedIovaRegions(platform, device, kernel)) iovad.reserve(region.base >> 12n, (region.base + region.size - 1n) >> 12n);
  const modern = atLeast(kernel, DMA_IOMMU_SINCE);
  const apertureEnd = (1n << BigInt(gaw)) - 1n;
  let pci32bitWorkaround = true;
  const messages: string[] = [];
  const live = new Map<bigint, { pages: bigint; mapped: bigint }>();

  const allocIova = (pages: bigint): bigint | undefined => {
    const mask = maskOf(device.dmaMaskBits);
    const limit = mask < apertureEnd ? mask : apertureEnd;
    const length = modern ? (pages < 1n << BigInt(IOVA_RANGE_CACHE_MAX_SIZE - 1) ? roundupPowOfTwo(pages) : pages) : roundupPowOfTwo(pages);
    if (limit > 0xffff_ffffn && pci32bitWorkaround) {
      const low = iovad.allocFast(length, 0xffff_ffffn >> 12n, false);
      if (low !== undefined) return low;
      if (modern) {
        pci32bitWorkaround = false;
        messages.push(`Using ${bitsPer(limit)}-bit DMA addresses`);
      }
    }
    return iovad.allocFast(length, limit >> 12n, true);
  };

  return {
    kind: modern ? 'iommu-dma' : 'intel-dma-ops',
    messages,
    map(buffer) {
      const offset = buffer.phys & (PAGE - 1n);
      const size = pageAlign(buffer.size + offset);
      const pfn = allocIova(size >> 12n);
      if (pfn === undefined) return { ok: false, error: `no free IOVA range of ${toHex(size)} bytes below the ${device.dmaMaskBits}-bit DMA mask` };
      const start = pfn << 12n;
      const result = map(domain, { iova: iova(start), hpa: hpa(buffer.phys - offset), size, perm: { r: true, w: true } });
      if (!result.ok) {
        iovad.free(pfn);
        return { ok: false, error: result.error };
      }
      live.set(start, { pages: size >> 12n, mapped: size });
      return { ok: true, mapping: { iova: iova(start + offset), hpa: hpa(buffer.phys), size: buffer.size, allocated: { iova: iova(start), size } } };
    },
    unmap(dmaAddress, size) {
      const start = dmaAddress & ~(PAGE - 1n);
      const entry = live.get(start);
      if (entry === undefined) return { ok: false, error: `${toHex(dmaAddress)} is not the DMA address of a live mapping` };
      const length = pageAlign(size + (dmaAddress & (PAGE - 1n)));
      if (length !== entry.mapped) return { ok: false, error: `size ${toHex(size)} does not match the mapping's ${toHex(entry.mapped)} bytes` };
      const freed = unmap(domain, { iova: start, size: entry.mapped });
      iovad.freeFast(start >> 12n, entry.pages);
      live.delete(start);
      return { ok: true, freed };
    },
  };
}

/** IO_TLB_SHIFT: swiotlb slots are 2 KiB. */
const IO_TLB_SIZE = 0x800n;
/** IO_TLB_SEGSIZE: a mapping spans at most 128 contiguous slots (256 KiB). */
const IO_TLB_SEGSIZE = 128n;

/**
 * dma-direct (no IOMMU translation for this device): the DMA address is the physical address
 * (phys_to_dma) when dma_capable() says the device's mask reaches the whole buffer; otherwise
 * swiotlb_map() copies it through a bounce slot of the swiotlb pool below 4 GiB
 * (swiotlb_tbl_map_single: 2 KiB slots, page-aligned for mappings of a page or more, searched
 * from where the last search stopped). One pool area (one CPU) is modelled; the device's
 * min_align_mask is taken as 0, so the bounce address starts the slot.
 */
export function createDirectDma(options: { platform: Platform; device: PlatformDevice }): DeviceDma {
  const { platform, device } = options;
  const pool = platform.swiotlbPool;
  const slots = Number(pool.size / IO_TLB_SIZE);
  const used = new Uint8Array(slots);
  let index = 0;
  const live = new Map<bigint, { slot: number; count: number }>();
  const mask = maskOf(device.dmaMaskBits);

  const findSlots = (count: number, stride: number): number | undefined => {
    for (let tried = 0; tried < slots; tried += stride) {
      const start = (Math.ceil(index / stride) * stride + tried) % slots;
      if (start + count > slots) continue;
      if (used.subarray(start, start + count).every((u) => u === 0)) return start;
    }
    return undefined;
  };

  return {
    kind: 'dma-direct',
    messages: [],
    map(buffer) {
      if (buffer.phys + buffer.size - 1n <= mask) return { ok: true, mapping: { iova: iova(buffer.phys), hpa: hpa(buffer.phys), size: buffer.size } };
      const count = Number((buffer.size + IO_TLB_SIZE - 1n) / IO_TLB_SIZE);
      if (BigInt(count) > IO_TLB_SEGSIZE) return { ok: false, error: `swiotlb cannot bounce ${toHex(buffer.size)} bytes: a mapping is at most 256 KiB (IO_TLB_SEGSIZE 128 slots of 2 KiB)` };
      const stride = buffer.size >= PAGE ? 2 : 1;
      const slot = findSlots(count, stride);
      if (slot === undefined) return { ok: false, error: 'swiotlb buffer is full' };
      used.fill(1, slot, slot + count);
      index = (slot + count) % slots;
      const address = pool.base + BigInt(slot) * IO_TLB_SIZE;
      live.set(address, { slot, count });
      return { ok: true, mapping: { iova: iova(address), hpa: hpa(address), size: buffer.size, bounce: { buffer: hpa(buffer.phys) } } };
    },
    unmap(dmaAddress, size) {
      const entry = live.get(dmaAddress);
      if (entry === undefined) {
        if (dmaAddress + size - 1n <= mask) return { ok: true, freed: 0n };
        return { ok: false, error: `${toHex(dmaAddress)} is not a swiotlb bounce slot in use` };
      }
      used.fill(0, entry.slot, entry.slot + entry.count);
      live.delete(dmaAddress);
      return { ok: true, freed: BigInt(entry.count) * IO_TLB_SIZE };
    },
  };
}
