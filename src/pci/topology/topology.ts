/**
 * A PCI/PCIe hierarchy as the kernel's PCI core sees it after enumeration: functions with their
 * address, IDs, class, PCIe port type, ACS capability and (for bridges) bus range. The tree is not
 * stored twice: a bus's upstream bridge ("bus->self") is the bridge whose secondary bus it is, as
 * pci_scan_bridge_extend() builds it in drivers/pci/probe.c (Linux 6.x).
 */

/** A function's address with its PCI domain (segment), as `lspci -D` prints it: 0000:02:00.0. */
export interface PciAddress {
  readonly domain: number;
  readonly bus: number;
  readonly device: number;
  readonly fn: number;
}

/**
 * PCI Express Capabilities Register, Device/Port Type (PCIe r6.0 §7.5.3.2), by the kernel's
 * PCI_EXP_TYPE_* names; 'pci' for a conventional PCI/PCI-X function (no PCIe capability) and
 * 'unknown' when the dump could not show the capability list (lspci not run as root).
 */
export type PortType =
  | 'endpoint' // PCI_EXP_TYPE_ENDPOINT 0x0
  | 'legacy-endpoint' // PCI_EXP_TYPE_LEG_END 0x1
  | 'rc-endpoint' // PCI_EXP_TYPE_RC_END 0x9, root-complex integrated endpoint
  | 'rc-event-collector' // PCI_EXP_TYPE_RC_EC 0xa
  | 'root-port' // PCI_EXP_TYPE_ROOT_PORT 0x4
  | 'upstream-port' // PCI_EXP_TYPE_UPSTREAM 0x5, switch upstream port
  | 'downstream-port' // PCI_EXP_TYPE_DOWNSTREAM 0x6, switch downstream port
  | 'pcie-to-pci-bridge' // PCI_EXP_TYPE_PCI_BRIDGE 0x7
  | 'pci-to-pcie-bridge' // PCI_EXP_TYPE_PCIE_BRIDGE 0x8
  | 'pci'
  | 'unknown';

/** ACS Capability/Control register bits (PCIe r6.0 §7.7.8.2–3; PCI_ACS_* in include/uapi/linux/pci_regs.h). */
export const ACS = {
  SV: 0x0001, // Source Validation
  TB: 0x0002, // Translation Blocking
  RR: 0x0004, // P2P Request Redirect
  CR: 0x0008, // P2P Completion Redirect
  UF: 0x0010, // Upstream Forwarding
  EC: 0x0020, // P2P Egress Control
  DT: 0x0040, // Direct Translated P2P
} as const;
export type AcsBit = keyof typeof ACS;
export const ACS_BITS: readonly AcsBit[] = ['SV', 'TB', 'RR', 'CR', 'UF', 'EC', 'DT'];

/** lspci's words for each bit ("ACSCtl: SrcValid+ TransBlk- …", ls-ecaps.c cap_acs). */
export const ACS_LSPCI_NAME: Readonly<Record<AcsBit, string>> = {
  SV: 'SrcValid', TB: 'TransBlk', RR: 'ReqRedir', CR: 'CmpltRedir', UF: 'UpstreamFwd', EC: 'EgressCtrl', DT: 'DirectTrans',
};

/** The ACS extended capability: the two 16-bit registers, raw. */
export interface AcsCapability {
  readonly cap: number;
  readonly ctl: number;
}

/**
 * What the dump says about ACS: 'absent' when the capability list was read and has no ACS entry;
 * 'unknown' when it could not be read ("Capabilities: <access denied>").
 */
export type AcsState = AcsCapability | 'absent' | 'unknown';

export interface Bar {
  readonly index: number;
  readonly kind: 'memory' | 'io';
  /** Bus address of the BAR; undefined when lspci shows it unassigned or disabled. */
  readonly address: bigint | undefined;
  readonly size: bigint | undefined;
  readonly prefetchable: boolean;
  readonly bits64: boolean;
}

export interface BusRange {
  readonly primary: number;
  readonly secondary: number;
  readonly subordinate: number;
}

export interface PciFunction {
  readonly address: PciAddress;
  readonly vendorId: number | undefined;
  readonly deviceId: number | undefined;
  /** Base class and subclass, 16 bits: 0x0604 is a PCI bridge, 0x0300 a VGA controller. */
  readonly classCode: number | undefined;
  readonly description: string;
  readonly portType: PortType;
  /** Header type bit 7; lspci does not print it, so an import infers it from the slot's function count. */
  readonly multifunction: boolean;
  readonly acs: AcsState;
  /** Type 1 header: present on every PCI-to-PCI bridge, from "Bus: primary=…". */
  readonly busRange: BusRange | undefined;
  readonly bars: readonly Bar[];
  /** The ATS extended capability is present ("Address Translation Service (ATS)"). */
  readonly ats: boolean;
  readonly driver: string | undefined;
  /** "IOMMU group: N" as the running kernel made it (pciutils ≥ 3.7); shown, never used to compute. */
  readonly reportedGroup: number | undefined;
}

export interface Topology {
  /** In the kernel's probe order (see probeOrder); each address once. */
  readonly functions: readonly PciFunction[];
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** `0000:02:00.0`, as `lspci -D` and sysfs name a function. */
export function formatAddress(a: PciAddress): string {
  return `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.device, 2)}.${a.fn}`;
}

export const devfn = (a: PciAddress): number => ((a.device & 0x1f) << 3) | (a.fn & 7);
export const sameBus = (a: PciAddress, b: PciAddress): boolean => a.domain === b.domain && a.bus === b.bus;
export const sameSlot = (a: PciAddress, b: PciAddress): boolean => sameBus(a, b) && a.device === b.device;

/** "[8086:1c10]"-style IDs, or "unknown IDs". */
export function idsText(f: PciFunction): string {
  return f.vendorId === undefined || f.deviceId === undefined ? 'unknown IDs' : `${hex(f.vendorId, 4)}:${hex(f.deviceId, 4)}`;
}

/** The bridge whose secondary bus is `bus` ("bus->self"), or undefined for a root bus. */
export function busSelf(topology: Topology, domain: number, bus: number): PciFunction | undefined {
  return topology.functions.find((f) => f.address.domain === domain && f.busRange?.secondary === bus && f.address.bus !== bus);
}

/** The upstream bridge of a function ("pdev->bus->self"), or undefined when it sits on a root bus. */
export const upstreamBridge = (topology: Topology, f: PciFunction): PciFunction | undefined =>
  busSelf(topology, f.address.domain, f.address.bus);

/** The functions on the bridge's secondary bus. */
/** The bridges from a function's upstream bridge to the one on the root bus, nearest first. */
export function bridgesAbove(topology: Topology, f: PciFunction): PciFunction[] {
  const out: PciFunction[] = [];
  for (let b = upstreamBridge(topology, f); b !== undefined && !out.includes(b); b = upstreamBridge(topology, b)) out.push(b);
  return out;
}

const byDevfn = (a: PciFunction, b: PciFunction): number => devfn(a.address) - devfn(b.address);

/**
 * The order in which Linux adds the functions to the PCI bus, and so the order bus_iommu_probe()
 * walks them: every function of a bus by devfn, then each bridge's secondary bus in turn, depth
 * first (pci_scan_child_bus_extend in drivers/pci/probe.c); root buses by domain and bus number.
 * Grouping depends on this order (pci_device_group only joins groups that already exist).
 */
export function probeOrder(functions: readonly PciFunction[]): PciFunction[] {
  const topology: Topology = { functions };
  const seen = new Set<PciFunction>();
  const out: PciFunction[] = [];
  const visitBus = (domain: number, bus: number): void => {
    const onBus = functions.filter((f) => f.address.domain === domain && f.address.bus === bus && !seen.has(f)).sort(byDevfn);
    for (const f of onBus) { seen.add(f); out.push(f); }
    for (const f of onBus) if (f.busRange !== undefined && f.busRange.secondary !== bus) visitBus(domain, f.busRange.secondary);
  };
  const roots = [...new Set(functions.filter((f) => upstreamBridge(topology, f) === undefined).map((f) => `${f.address.domain}:${f.address.bus}`))]
    .map((key) => key.split(':').map(Number))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  for (const [domain, bus] of roots) visitBus(domain ?? 0, bus ?? 0);
  for (const f of functions) if (!seen.has(f)) out.push(f); // bus loops in a malformed dump: keep every function
  return out;
}

/** The named bits set in a raw ACS register value, in register order. */
export const acsBitsSet = (raw: number): AcsBit[] => ACS_BITS.filter((b) => (raw & ACS[b]) !== 0);
