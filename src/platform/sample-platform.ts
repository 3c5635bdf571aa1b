import { hpa, type Hpa } from '../hex.ts';
import { sourceId, type SourceId } from '../pci/source-id.ts';

/**
 * The built-in sample platform, as data: a Skylake-era client machine with two DMA-remapping
 * units (a graphics-dedicated one and a catch-all INCLUDE_PCI_ALL one, as Intel client firmware
 * lays them out), an e820-like memory map, the PCI devices the scenarios use and the RMRRs the
 * firmware reports. Every other module reads the platform from here; nothing else hard-codes
 * an address of it.
 */

/** A half-open physical range [base, base + size). */
export interface PhysRange {
  readonly base: Hpa;
  readonly size: bigint;
}

export type E820Type = 'usable' | 'reserved' | 'acpi-nvs';

/** One line of the e820-like map, as the kernel prints "BIOS-e820: [mem …] usable". */
export interface E820Entry extends PhysRange {
  readonly type: E820Type;
  readonly name: string;
}

/** One remapping unit (a DRHD of the DMAR table) with the register values its hardware reports. */
export interface PlatformUnit {
  readonly name: string;
  /** DRHD Register Base Address. */
  readonly registerBase: Hpa;
  /** DRHD Flags bit 0, INCLUDE_PCI_ALL: the unit covers every device no other unit lists. */
  readonly includePciAll: boolean;
  readonly cap: bigint;
  readonly ecap: bigint;
}

export interface Bar extends PhysRange {
  readonly index: number;
}

export interface PlatformDevice {
  readonly sourceId: SourceId;
  readonly bdf: string;
  readonly name: string;
  /** PCI class code (base class 23:16, subclass 15:8, programming interface 7:0). */
  readonly classCode: number;
  /** Bits of the device's DMA mask, as its driver sets it with dma_set_mask(). */
  readonly dmaMaskBits: number;
  /** The unit (index into `units`) whose scope holds the device. */
  readonly unit: number;
  /** Devices in the same IOMMU group (no ACS between them), itself included, in BDF order. */
  readonly group: readonly string[];
  readonly bars: readonly Bar[];
  /** PCI vendor:device, as vfio-pci.ids= takes it. */
  readonly ids: string;
  /** The host driver that binds it, as dev_notice() prefixes its messages. */
  readonly driver: string;
}

/** An RMRR: memory the firmware keeps using for DMA behind the OS's back, per device. */
export interface PlatformRmrr extends PhysRange {
  readonly devices: readonly string[];
  readonly purpose: string;
}

export interface Platform {
  /** DMAR HAW field + 1. */
  readonly haw: number;
  readonly units: readonly PlatformUnit[];
  readonly devices: readonly PlatformDevice[];
  readonly rmrrs: readonly PlatformRmrr[];
  readonly ramSize: bigint;
  readonly e820: readonly E820Entry[];
  /** The PCI host bridge's memory windows (ACPI _CRS), which dma-iommu reserves (iova_reserve_pci_windows). */
  readonly pciWindows: readonly PhysRange[];
  /** Usable RAM the kernel keeps for IOMMU page tables in this model (root, context, SLPT frames). */
  readonly pageTableRegion: PhysRange;
  /** The default 64 MiB swiotlb pool, memblock-allocated top-down below 4 GiB (swiotlb_init). */
  readonly swiotlbPool: PhysRange;
}

export const KiB = 1n << 10n;
export const MiB = 1n << 20n;
export const GiB = 1n << 30n;
export const FOUR_GIB = 4n * GiB;

/** The interrupt address range: writes here are MSIs, never DMA (VT-d 4.1 §3.14). */
export const INTERRUPT_WINDOW: PhysRange = { base: hpa(0xfee0_0000n), size: 0x10_0000n };

/**
 * Top of low DRAM (TOLUD): DRAM below it is decoded at its own address, the rest is remapped
 * above 4 GiB, leaving 0x80000000–0xffffffff for the 32-bit MMIO window and firmware.
 */
export const TOLUD = 0x8000_0000n;
const MIN_RAM = 4n * GiB;
/** RAM ends below the 64-bit PCI window at 256 GiB. */
const MAX_RAM = 192n * GiB;

const range = (base: bigint, size: bigint): PhysRange => ({ base: hpa(base), size });

/**
 * Register values as a Skylake client reports them in dmesg ("DMAR: dmar0: reg_base_addr
 * fed90000 ver 1:0 cap 1c0000c40660462 ecap 19e2ff0505e"): SAGAW 48-bit only, MGAW 39,
 * SLLPS 2 MiB + 1 GiB, ECAP.PT set on both; dmar0 also has DT (ATS), dmar1 has SC.
 */
const SAMPLE_UNITS: readonly PlatformUnit[] = [
  { name: 'dmar0', registerBase: hpa(0xfed9_0000n), includePciAll: false, cap: 0x01c0_000c_4066_0462n, ecap: 0x0000_019e_2ff0_505en },
  { name: 'dmar1', registerBase: hpa(0xfed9_1000n), includePciAll: true, cap: 0x00d2_008c_4066_0462n, ecap: 0x0000_0000_00f0_50dan },
];

const device = (bdf: string, fields: Omit<PlatformDevice, 'sourceId' | 'bdf'>): PlatformDevice => {
  const [bus, dev, fn] = bdf.split(/[:.]/).map((part) => Number.parseInt(part, 16));
  return { sourceId: sourceId(bus ?? 0, dev ?? 0, fn ?? 0), bdf, ...fields };
};

const bar = (index: number, base: bigint, size: bigint): Bar => ({ index, base: hpa(base), size });

/** PCI devices that do DMA, in bus-scan (probe) order. */
const SAMPLE_DEVICES: readonly PlatformDevice[] = [
  device('00:02.0', { driver: 'i915', name: 'Intel HD Graphics 530 (integrated GPU)', classCode: 0x03_00_00, dmaMaskBits: 39, unit: 0, group: ['00:02.0'], ids: '8086:1912', bars: [bar(0, 0xde00_0000n, 16n * MiB), bar(2, 0x40_0000_0000n, 256n * MiB)] }),
  device('00:14.0', { driver: 'xhci_hcd', name: 'Intel 100 Series USB 3.0 xHCI controller', classCode: 0x0c_03_30, dmaMaskBits: 64, unit: 1, group: ['00:14.0'], ids: '8086:a12f', bars: [bar(0, 0xdf31_0000n, 64n * KiB)] }),
  device('01:00.0', { driver: 'nouveau', name: 'NVIDIA GeForce GTX 1080 (discrete GPU)', classCode: 0x03_00_00, dmaMaskBits: 64, unit: 1, group: ['01:00.0', '01:00.1'], ids: '10de:1b80', bars: [bar(0, 0xdc00_0000n, 16n * MiB), bar(1, 0x40_1000_0000n, 256n * MiB), bar(3, 0x40_2000_0000n, 32n * MiB)] }),
  device('01:00.1', { driver: 'snd_hda_intel', name: 'NVIDIA GP104 HDMI audio', classCode: 0x04_03_00, dmaMaskBits: 64, unit: 1, group: ['01:00.0', '01:00.1'], ids: '10de:10f0', bars: [bar(0, 0xdd08_0000n, 16n * KiB)] }),
  device('02:00.0', { driver: 'r8169', name: 'Realtek RTL8169 Gigabit Ethernet (32-bit DMA mask)', classCode: 0x02_00_00, dmaMaskBits: 32, unit: 1, group: ['02:00.0'], ids: '10ec:8169', bars: [bar(1, 0xdf20_0000n, 16n * KiB)] }),
  device('03:00.0', { driver: 'nvme', name: 'Samsung 970 EVO NVMe SSD', classCode: 0x01_08_02, dmaMaskBits: 64, unit: 1, group: ['03:00.0'], ids: '144d:a808', bars: [bar(0, 0xdf00_0000n, 16n * KiB)] }),
];

/** RMRRs as the firmware reports them: the xHCI's legacy-keyboard buffer and the iGPU's stolen memory. */
const SAMPLE_RMRRS: readonly PlatformRmrr[] = [
  { base: hpa(0x7a1a_3000n), size: 0x2_0000n, devices: ['00:14.0'], purpose: 'USB legacy (BIOS keyboard/storage emulation) buffers' },
  { base: hpa(0x7b80_0000n), size: 0x480_0000n, devices: ['00:02.0'], purpose: 'graphics stolen memory' },
];

/**
 * The e820 map for a given amount of DRAM (≥ 4 GiB): fixed low layout up to TOLUD, the rest of
 * DRAM remapped from 4 GiB up.
 */
function sampleE820(ramSize: bigint): E820Entry[] {
  const entry = (base: bigint, end: bigint, type: E820Type, name: string): E820Entry => ({ base: hpa(base), size: end - base, type, name });
  return [
    entry(0x0n, 0x9_f000n, 'usable', 'conventional memory'),
    entry(0x9_f000n, 0x10_0000n, 'reserved', 'EBDA, VGA window and BIOS ROM'),
    entry(0x10_0000n, 0x7a00_0000n, 'usable', 'low RAM'),
    entry(0x7a00_0000n, 0x7a80_0000n, 'reserved', 'firmware (holds the USB RMRR)'),
    entry(0x7a80_0000n, 0x7b80_0000n, 'acpi-nvs', 'ACPI NVS and tables'),
    entry(0x7b80_0000n, TOLUD, 'reserved', 'graphics stolen memory (iGPU RMRR)'),
    entry(0xe000_0000n, 0xf000_0000n, 'reserved', 'PCIe ECAM (MMCONFIG)'),
    entry(0xfed0_0000n, 0xfed0_4000n, 'reserved', 'HPET'),
    entry(0xfed9_0000n, 0xfed9_2000n, 'reserved', 'VT-d remapping unit registers'),
    entry(INTERRUPT_WINDOW.base, INTERRUPT_WINDOW.base + INTERRUPT_WINDOW.size, 'reserved', 'local APIC / MSI interrupt range'),
    entry(0xff00_0000n, FOUR_GIB, 'reserved', 'BIOS flash'),
    entry(FOUR_GIB, FOUR_GIB + ramSize - TOLUD, 'usable', 'high RAM (DRAM above TOLUD, remapped)'),
  ];
}

export type PlatformResult = { readonly ok: true; readonly platform: Platform } | { readonly ok: false; readonly error: string };

/**
 * The sample platform with `ramSize` bytes of DRAM (default 16 GiB). A size outside 4 GiB–192
 * GiB or not a multiple of 2 MiB returns `ok: false` saying so.
 */
export function samplePlatform(ramSize: bigint = 16n * GiB): PlatformResult {
  if (ramSize < MIN_RAM || ramSize > MAX_RAM) return { ok: false, error: `RAM size 0x${ramSize.toString(16)} is outside the sample platform's 4 GiB to 192 GiB` };
  if (ramSize % (2n * MiB) !== 0n) return { ok: false, error: `RAM size 0x${ramSize.toString(16)} is not a multiple of 2 MiB` };
  return {
    ok: true,
    platform: {
      haw: 39,
      units: SAMPLE_UNITS,
      devices: SAMPLE_DEVICES,
      rmrrs: SAMPLE_RMRRS,
      ramSize,
      e820: sampleE820(ramSize),
      pciWindows: [range(0xa_0000n, 0x2_0000n), range(0x8000_0000n, 0x6000_0000n), range(0x40_0000_0000n, 0x40_0000_0000n)],
      pageTableRegion: range(0x4000_0000n, 512n * MiB),
      swiotlbPool: range(0x7600_0000n, 64n * MiB),
    },
  };
}

/** The device at a BDF, or undefined. */
export function findDevice(platform: Platform, bdf: string): PlatformDevice | undefined {
  return platform.devices.find((d) => d.bdf === bdf);
}

/** The RMRRs whose device scope lists this device. */
export function rmrrsOf(platform: Platform, bdf: string): PlatformRmrr[] {
  return platform.rmrrs.filter((r) => r.devices.includes(bdf));
}

/** Usable RAM ranges (e820 type usable), ascending: what memblock hands the kernel. */
export function usableRam(platform: Platform): E820Entry[] {
  return platform.e820.filter((e) => e.type === 'usable');
}

/** Whether [base, base + size) lies inside one usable RAM range. */
export function inUsableRam(platform: Platform, base: bigint, size: bigint): boolean {
  return usableRam(platform).some((e) => base >= e.base && base + size <= e.base + e.size);
}

/** Whether two half-open ranges share a byte. */
export const overlaps = (a: { base: bigint; size: bigint }, b: { base: bigint; size: bigint }): boolean =>
  a.base < b.base + b.size && b.base < a.base + a.size;
