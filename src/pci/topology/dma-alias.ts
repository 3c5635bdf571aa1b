import { devfn, formatAddress, sameBus, upstreamBridge, type PciFunction, type Topology } from './topology.ts';

/**
 * DMA aliases: requester IDs a function's DMA arrives with besides its own. Ported from the header
 * fixups of drivers/pci/quirks.c (Linux 6.18) that call pci_add_dma_alias() or set
 * PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS / PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT, and from
 * pci_for_each_dma_alias() in drivers/pci/search.c.
 */
interface AliasQuirk {
  readonly vendor: number;
  readonly devices: readonly number[];
  readonly fixup: string;
  /** The devfns the function also uses, given its own devfn. */
  readonly aliases: (own: number) => number[];
}

const DEVFN = (slot: number, fn: number): number => ((slot & 0x1f) << 3) | (fn & 7);
const func0 = (own: number): number[] => ((own & 7) !== 0 ? [DEVFN(own >> 3, 0)] : []);
const func1 = (own: number): number[] => ((own & 7) !== 1 ? [DEVFN(own >> 3, 1)] : []);

const ALIAS_QUIRKS: readonly AliasQuirk[] = [
  { vendor: 0x1180, devices: [0xe832, 0xe476], fixup: 'quirk_dma_func0_alias (Ricoh: function 0 is the requester ID for DMA)', aliases: func0 },
  { vendor: 0x6766, devices: [0x3d40, 0x3d41], fixup: 'quirk_dma_func0_alias (Glenfly)', aliases: func0 },
  {
    vendor: 0x1b4b,
    devices: [0x9120, 0x9123, 0x9125, 0x9128, 0x9130, 0x9170, 0x9172, 0x917a, 0x9182, 0x9183, 0x91a0, 0x9215, 0x9220, 0x9230, 0x9235],
    fixup: 'quirk_dma_func1_alias (Marvell SATA: function 1 is the requester ID for DMA, present or not)',
    aliases: func1,
  },
  { vendor: 0x1103, devices: [0x0642, 0x0645], fixup: 'quirk_dma_func1_alias (HighPoint/TTI)', aliases: func1 },
  { vendor: 0x197b, devices: [0x2392], fixup: 'quirk_dma_func1_alias (JMicron JMB388 ESD)', aliases: func1 },
  { vendor: 0x1c28, devices: [0x0122], fixup: 'quirk_dma_func1_alias (Plextor M6E, Marvell 88SS9183)', aliases: func1 },
  { vendor: 0x8086, devices: [0x2260, 0x2264], fixup: 'quirk_mic_x200_dma_alias (Intel MIC x200 NTB)', aliases: () => [DEVFN(0x10, 0), DEVFN(0x11, 0), DEVFN(0x12, 3)] },
  {
    vendor: 0x8086,
    devices: [0x2954, 0x2955, 0x2956, 0x2958, 0x2959, 0x295a],
    fixup: 'quirk_pex_vca_alias (Intel VCA: every slot, functions 0-4)',
    aliases: () => Array.from({ length: 0x20 * 5 }, (_, i) => DEVFN(Math.floor(i / 5), i % 5)),
  },
];

/** quirk_use_pcie_bridge_dma_alias: PCIe-to-PCI bridges that hide their PCIe capability. */
const PCIE_BRIDGE_ALIAS: readonly (readonly [number, number])[] = [[0x1b21, 0x1080], [0x10e3, 0x8113], [0x1283, 0x8892], [0x1283, 0x8893], [0x8086, 0x244e]];
/** quirk_bridge_cavm_thrx2_pcie_root: the IOMMU sits below this bridge, so aliasing stops there. */
const XLATE_ROOT: readonly (readonly [number, number])[] = [[0x14e4, 0x9000], [0x14e4, 0x9084]];

const matches = (f: PciFunction, list: readonly (readonly [number, number])[]): boolean =>
  list.some(([v, d]) => f.vendorId === v && f.deviceId === d);

/** The extra devfns (dev->dma_alias_mask) a function DMAs with, and the fixup that says so. */
export function dmaAliasMask(f: PciFunction): { readonly devfns: readonly number[]; readonly fixup: string } | undefined {
  const quirk = ALIAS_QUIRKS.find((q) => q.vendor === f.vendorId && f.deviceId !== undefined && q.devices.includes(f.deviceId));
  if (quirk === undefined) return undefined;
  const devfns = quirk.aliases(devfn(f.address));
  return devfns.length === 0 ? undefined : { devfns, fixup: quirk.fixup };
}

/** pci_devs_are_dma_aliases(): either function's alias mask names the other's devfn (same bus). */
export function devsAreDmaAliases(a: PciFunction, b: PciFunction): boolean {
  if (!sameBus(a.address, b.address)) return false;
  return (dmaAliasMask(a)?.devfns.includes(devfn(b.address)) ?? false) || (dmaAliasMask(b)?.devfns.includes(devfn(a.address)) ?? false);
}

export interface AliasStep {
  readonly function: PciFunction;
  /** The requester ID the IOMMU sees, as text, and why. */
  readonly requesterId: string;
  readonly because: string;
}

/**
 * pci_for_each_dma_alias(): the function itself, its quirk aliases, then every bridge above it that
 * takes ownership of its transactions. Root, upstream and downstream ports pass requester IDs
 * through; a PCIe-to-PCI bridge (or a conventional bridge that the quirk marks as one) uses its
 * secondary bus with devfn 0; a PCI-to-PCIe bridge or a conventional PCI bridge its own ID. The
 * last step is where pci_device_group() starts looking for isolation.
 */
export function dmaAliasSteps(topology: Topology, f: PciFunction): AliasStep[] {
  const steps: AliasStep[] = [{ function: f, requesterId: formatAddress(f.address), because: 'its own requester ID' }];
  const mask = dmaAliasMask(f);
  for (const alias of mask?.devfns.slice(0, 8) ?? []) {
    const text = `${formatAddress({ ...f.address, device: alias >> 3, fn: alias & 7 })}`;
    steps.push({ function: f, requesterId: text, because: mask?.fixup ?? '' });
  }
  for (let bridge = upstreamBridge(topology, f), seen = 0; bridge !== undefined && seen < 256; bridge = upstreamBridge(topology, bridge), seen++) {
    if (matches(bridge, XLATE_ROOT)) break;
    const secondary = formatAddress({ ...bridge.address, bus: bridge.busRange?.secondary ?? 0, device: 0, fn: 0 });
    switch (bridge.portType) {
      case 'root-port':
      case 'upstream-port':
      case 'downstream-port':
        continue;
      case 'pcie-to-pci-bridge':
        steps.push({ function: bridge, requesterId: secondary, because: `${formatAddress(bridge.address)} is a PCIe-to-PCI bridge: it forwards DMA from below with its secondary bus and devfn 00.0` });
        continue;
      case 'pci-to-pcie-bridge':
        steps.push({ function: bridge, requesterId: formatAddress(bridge.address), because: `${formatAddress(bridge.address)} is a PCI-to-PCIe bridge: it forwards DMA from below with its own ID` });
        continue;
      case 'pci':
      case 'unknown':
        steps.push(matches(bridge, PCIE_BRIDGE_ALIAS) && isPcieBridgeAlias(topology, bridge)
          ? { function: bridge, requesterId: secondary, because: `${formatAddress(bridge.address)} hides its PCIe capability but is a PCIe-to-PCI bridge (quirk_use_pcie_bridge_dma_alias)` }
          : { function: bridge, requesterId: formatAddress(bridge.address), because: `${formatAddress(bridge.address)} is a conventional PCI bridge${bridge.portType === 'unknown' ? ' (no PCIe capability in the dump)' : ''}: it takes ownership of DMA from below` });
        continue;
      default:
        continue;
    }
  }
  return steps;
}

/** The quirk's own condition: not on a root bus, below a PCIe port that is not a PCIe-to-PCI bridge. */
function isPcieBridgeAlias(topology: Topology, bridge: PciFunction): boolean {
  const parent = upstreamBridge(topology, bridge);
  return parent !== undefined && parent.portType !== 'pci' && parent.portType !== 'unknown' && parent.portType !== 'pcie-to-pci-bridge';
}
