import { toHex } from '../../src/hex.ts';
import type { ScenarioSummary } from '../../src/linux/scenario-request.ts';
import type { ScenarioMode } from '../../src/linux/scenario.ts';
import type { RequestFields } from './lab-store.ts';

/**
 * The buffer the default device's driver maps in the modes where a driver maps buffers: 12 KiB
 * of ordinary RAM above 4 GiB, clear of the page-table region and the swiotlb pool.
 */
export const DEFAULT_BUFFER = { phys: '0x123456000', size: '0x3000' } as const;

export const buffersFor = (mode: ScenarioMode) => (mode === 'vfio' ? [] : [DEFAULT_BUFFER]);

/**
 * Each mode's default request is one that translates: in the DMA domain the IOVA the driver got
 * for the default buffer, under iommu=pt or with the IOMMU off the buffer's own address (or the
 * swiotlb slot it was bounced to), in VFIO a guest-physical address inside guest RAM.
 */
export function defaultRequest(scenario: ScenarioSummary): RequestFields {
  const sourceId = scenario.device.bdf;
  const into = (address: bigint): RequestFields => ({ sourceId, iova: toHex(address + 0x234n), access: 'read' });
  if (scenario.mode === 'vfio') {
    const ram = scenario.mappings.find((m) => m.kind === 'guest-ram' && m.size > 0x20_0000n);
    return into((ram?.iova ?? 0n) + 0x10_0000n);
  }
  const buffer = scenario.mappings.find((m) => m.kind === 'dma-map');
  return into(buffer?.iova ?? BigInt(DEFAULT_BUFFER.phys));
}
