import { decodeEcap } from '../vtd/registers.ts';
import { toHex } from '../hex.ts';
import { findDevice, GiB, inUsableRam, overlaps, samplePlatform, type Platform, type PlatformDevice, type PlatformUnit } from '../platform/sample-platform.ts';
import type { Machine } from '../vtd/machine.ts';
import type { CallPaths } from './call-path.ts';
import type { DeviceDma, DmaBuffer, DmaMapping } from './dma-api.ts';
import { DEFAULT_KERNEL, type KernelVersion } from './kernel-version.ts';
import type { ContextProgram } from './remapping-unit.ts';
import { buildDisabled, buildDma, buildPassThrough, buildVfio } from './scenario-modes.ts';
import type { GuestSplit, Hugepages } from './vfio-guest.ts';

export const SCENARIO_MODES = ['disabled', 'pt', 'dma', 'vfio'] as const;
export type ScenarioMode = (typeof SCENARIO_MODES)[number];

export interface ScenarioOptions {
  readonly mode: ScenarioMode;
  /** BDF of the device the scenario follows; default 01:00.0 for vfio, 03:00.0 otherwise. */
  readonly device?: string;
  /** Whether the hardware has ECAP.PT (pass-through); default true. */
  readonly hwPassThrough?: boolean;
  /** The kernel whose behaviour to follow; default DEFAULT_KERNEL (6.6, si_domain era). */
  readonly kernel?: KernelVersion;
  /** Host DRAM; default 16 GiB. */
  readonly ramSize?: bigint;
  /** vfio: guest RAM; default 4 GiB. */
  readonly guestRamSize?: bigint;
  /** vfio: how the host backs guest RAM; default 2MiB (hugetlbfs). */
  readonly hugepages?: Hugepages;
  /** disabled, pt, dma: buffers the device's driver dma_map_page()s, in order. */
  readonly maps?: readonly DmaBuffer[];
  /** The platform to build on; default the sample platform with `ramSize` of DRAM. */
  readonly platform?: Platform;
}

/** One IOVA → HPA range a scenario set up, for the mappings table. */
export interface ScenarioMapping extends DmaMapping {
  /** dma-map: a --map buffer; identity: si_domain's 1:1 map of RAM or an RMRR; guest-ram: VFIO GPA → HPA. */
  readonly kind: 'dma-map' | 'identity' | 'guest-ram';
}

/** How the chosen device's DMA reaches memory in this scenario. */
export type DeviceTranslation = 'translation disabled' | 'hardware pass-through' | 'si_domain identity tables' | 'DMA domain' | 'VFIO unmanaged domain';

export interface VfioState {
  readonly group: readonly string[];
  readonly did: number;
  readonly split: GuestSplit;
  readonly guestRamSize: bigint;
  readonly hugepages: Hugepages;
  /** The guest-RAM ranges that are not RAM below 4 GiB: every GPA in them faults. */
  readonly holes: readonly { readonly gpa: bigint; readonly size: bigint }[];
  /** The host-physical address backing a guest-physical address, or undefined outside guest RAM. */
  hpaOfGpa(gpa: bigint): bigint | undefined;
}

export interface Scenario {
  readonly mode: ScenarioMode;
  readonly kernel: KernelVersion;
  readonly platform: Platform;
  readonly device: PlatformDevice;
  readonly unit: PlatformUnit;
  readonly hwPassThrough: boolean;
  /** The device's unit as the kernel left it: registers, root/context tables, page tables. */
  readonly machine: Machine;
  readonly translation: DeviceTranslation;
  /** Every context entry written, in the order the kernel wrote them. */
  readonly contexts: readonly ContextProgram[];
  readonly mappings: readonly ScenarioMapping[];
  /** The device's DMA API (absent for vfio, where the guest owns the device): map/unmap more buffers. */
  readonly dma?: DeviceDma;
  readonly vfio?: VfioState;
  readonly callPath: CallPaths;
  readonly bootLog: readonly string[];
  readonly kernelParameters: readonly string[];
  /** Why the scenario looks the way it does, where the kernel's choice is not obvious. */
  readonly notes: readonly string[];
}

export type ScenarioResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly field: string; readonly error: string };

/** Inputs after defaults and validation, for the mode builders. */
export interface ScenarioInput {
  readonly mode: ScenarioMode;
  readonly platform: Platform;
  readonly device: PlatformDevice;
  readonly hwPassThrough: boolean;
  readonly kernel: KernelVersion;
  readonly guestRamSize: bigint;
  readonly hugepages: Hugepages;
  readonly maps: readonly DmaBuffer[];
}

export type ModeResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly field: string; readonly error: string };

/**
 * Builds the machine state the kernel (and for vfio, QEMU) would leave for one mode, on the sample
 * platform. Bad input (unknown device, RAM size out of range, a buffer outside usable RAM or over
 * the page-table region or swiotlb pool, a guest that does not fit) returns `ok: false` with the
 * field and a sentence; nothing throws.
 */
export function buildScenario(options: ScenarioOptions): ScenarioResult {
  const built = options.platform !== undefined ? { ok: true as const, platform: options.platform } : samplePlatform(options.ramSize ?? 16n * GiB);
  if (!built.ok) return { ok: false, field: 'ramSize', error: built.error };
  const { platform } = built;
  const preferred = options.mode === 'vfio' ? '01:00.0' : '03:00.0';
  // On another platform (a loaded DMAR table) the sample's default device may not exist: take its first.
  const bdf = options.device ?? (findDevice(platform, preferred) === undefined ? (platform.devices[0]?.bdf ?? preferred) : preferred);
  const device = findDevice(platform, bdf);
  if (device === undefined) {
    return { ok: false, field: 'device', error: `no device ${bdf} on the sample platform (devices: ${platform.devices.map((d) => d.bdf).join(', ')})` };
  }
  const maps = options.maps ?? [];
  if (options.mode === 'vfio' && maps.length > 0) return { ok: false, field: 'maps', error: 'vfio maps guest RAM, not driver buffers: give buffers only to disabled, pt or dma' };
  if (options.mode !== 'vfio' && options.guestRamSize !== undefined) return { ok: false, field: 'guestRamSize', error: 'guest RAM applies to vfio only' };
  for (const [index, buffer] of maps.entries()) {
    const problem = bufferProblem(platform, buffer);
    if (problem !== undefined) return { ok: false, field: `maps[${index}]`, error: `${toHex(buffer.phys)}:${toHex(buffer.size)}: ${problem}` };
  }
  const guestRamSize = options.guestRamSize ?? 4n * GiB;
  if (guestRamSize < 16n * (1n << 20n)) return { ok: false, field: 'guestRamSize', error: `guest RAM ${toHex(guestRamSize)} is below the 16 MiB this model accepts` };
  const input: ScenarioInput = {
    mode: options.mode,
    platform,
    device,
    // Hardware pass-through only if every unit has ECAP.PT: init_dmars() clears hw_pass_through
    // when any IOMMU lacks it (Linux ≤ 6.10). Later kernels check the device's own unit
    // (device_def_domain_type); this model applies the all-units rule to them too.
    hwPassThrough: (options.hwPassThrough ?? true) && platform.units.every((unit) => decodeEcap(unit.ecap).pt),
    kernel: options.kernel ?? DEFAULT_KERNEL,
    guestRamSize,
    hugepages: options.hugepages ?? '2MiB',
    maps,
  };
  switch (input.mode) {
    case 'disabled':
      return buildDisabled(input);
    case 'pt':
      return buildPassThrough(input);
    case 'dma':
      return buildDma(input);
    case 'vfio':
      return buildVfio(input);
  }
}

/** Why a buffer cannot be a driver's DMA buffer on the platform, or undefined if it can. */
export function bufferProblem(platform: Platform, buffer: DmaBuffer): string | undefined {
  if (buffer.size <= 0n) return 'the size must be positive';
  if (!inUsableRam(platform, buffer.phys, buffer.size)) return 'not inside one usable RAM range of the e820 map';
  if (overlaps({ base: buffer.phys, size: buffer.size }, platform.pageTableRegion)) return 'overlaps the page-table region the platform keeps for IOMMU tables';
  if (overlaps({ base: buffer.phys, size: buffer.size }, platform.swiotlbPool)) return 'overlaps the swiotlb bounce pool';
  return undefined;
}
