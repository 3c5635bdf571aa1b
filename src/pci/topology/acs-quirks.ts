import { ACS, type PciFunction } from './topology.ts';

/**
 * The kernel's device-specific ACS answers: pci_dev_acs_enabled[] and its quirk functions in
 * drivers/pci/quirks.c, ported entry by entry from Linux 6.18. Each function answers like the
 * kernel's: 1 = provides every requested control, 0 = does not, -1 = does not apply (-ENOTTY /
 * -ENODEV), in which case pci_dev_specific_acs_enabled() tries the next matching entry.
 */

/** What a quirk needs to know beyond the function itself. */
export interface AcsQuirkContext {
  /** pci_is_root_bus(dev->bus). */
  readonly onRootBus: boolean;
  /** An ACPI IVRS table (AMD IOMMU) exists; pci_quirk_amd_sb_acs asks acpi_get_table("IVRS"). */
  readonly ivrs: boolean;
  /**
   * The IOMMU driver called pci_request_acs(), so pci_enable_acs() ran the enable quirks at boot:
   * pci_quirk_enable_intel_pch_acs sets PCI_DEV_FLAGS_ACS_ENABLED_QUIRK and
   * pci_quirk_enable_intel_spt_pch_acs writes SV|RR|CR|UF into the dword control register.
   */
  readonly acsRequested: boolean;
}

type QuirkFn = (dev: PciFunction, acsFlags: number, ctx: AcsQuirkContext) => number;

export interface AcsQuirk {
  readonly vendor: number;
  /** 'any' is the kernel's PCI_ANY_ID. */
  readonly device: number | 'any';
  readonly fn: string;
  /** One sentence: why the kernel trusts (or distrusts) this device, from the quirk's comment. */
  readonly because: string;
  readonly enabled: QuirkFn;
}

const SV_RR_CR_UF = ACS.SV | ACS.RR | ACS.CR | ACS.UF;

/** pci_acs_ctrl_enabled(): 1 when every requested control is among those provided. */
const ctrlEnabled = (requested: number, provided: number): number => ((requested & provided) === requested ? 1 : 0);
const isPcie = (dev: PciFunction): boolean => dev.portType !== 'pci' && dev.portType !== 'unknown';
const device = (dev: PciFunction): number => dev.deviceId ?? -1;
const inRanges = (id: number, ranges: readonly (readonly [number, number])[]): boolean => ranges.some(([lo, hi]) => id >= lo && id <= hi);

const amdSb: QuirkFn = (dev, flags, ctx) => {
  if (!dev.multifunction || !ctx.onRootBus) return -1;
  if (!ctx.ivrs) return -1;
  return ctrlEnabled(flags & (ACS.RR | ACS.CR | ACS.EC | ACS.DT), ACS.RR | ACS.CR);
};
const cavium: QuirkFn = (dev, flags) =>
  isPcie(dev) && dev.portType === 'root-port' && inRanges(device(dev), [[0xa000, 0xa7ff], [0xaf84, 0xaf84], [0xb884, 0xb884]])
    ? ctrlEnabled(flags, SV_RR_CR_UF) : -1;
const svRrCrUf: QuirkFn = (_dev, flags) => ctrlEnabled(flags, SV_RR_CR_UF);
const zhaoxinPorts: QuirkFn = (dev, flags) => {
  if (dev.portType !== 'root-port' && dev.portType !== 'downstream-port') return -1;
  return inRanges(device(dev), [[0x0710, 0x071e], [0x0721, 0x0721], [0x0723, 0x0752]]) ? ctrlEnabled(flags, SV_RR_CR_UF) : 0;
};

/** pci_quirk_intel_pch_acs_ids[]: Intel PCH root ports with ACS-like controls but no ACS capability. */
const INTEL_PCH_ACS_IDS: ReadonlySet<number> = new Set([
  0x3b42, 0x3b43, 0x3b44, 0x3b45, 0x3b46, 0x3b47, 0x3b48, 0x3b49, 0x3b4a, 0x3b4b, 0x3b4c, 0x3b4d, 0x3b4e, 0x3b4f, 0x3b50, 0x3b51, // Ibexpeak
  0x1c10, 0x1c11, 0x1c12, 0x1c13, 0x1c14, 0x1c15, 0x1c16, 0x1c17, 0x1c18, 0x1c19, 0x1c1a, 0x1c1b, 0x1c1c, 0x1c1d, 0x1c1e, 0x1c1f, // Cougarpoint
  0x1e10, 0x1e11, 0x1e12, 0x1e13, 0x1e14, 0x1e15, 0x1e16, 0x1e17, 0x1e18, 0x1e19, 0x1e1a, 0x1e1b, 0x1e1c, 0x1e1d, 0x1e1e, 0x1e1f, // Pantherpoint
  0x8c10, 0x8c11, 0x8c12, 0x8c13, 0x8c14, 0x8c15, 0x8c16, 0x8c17, 0x8c18, 0x8c19, 0x8c1a, 0x8c1b, 0x8c1c, 0x8c1d, 0x8c1e, 0x8c1f, // Lynxpoint-H
  0x9c10, 0x9c11, 0x9c12, 0x9c13, 0x9c14, 0x9c15, 0x9c16, 0x9c17, 0x9c18, 0x9c19, 0x9c1a, 0x9c1b, // Lynxpoint-LP
  0x9c90, 0x9c91, 0x9c92, 0x9c93, 0x9c94, 0x9c95, 0x9c96, 0x9c97, 0x9c98, 0x9c99, 0x9c9a, 0x9c9b, // Wildcat
  0x1d10, 0x1d12, 0x1d14, 0x1d16, 0x1d18, 0x1d1a, 0x1d1c, 0x1d1e, // Patsburg (X79)
  0x8d10, 0x8d11, 0x8d12, 0x8d13, 0x8d14, 0x8d15, 0x8d16, 0x8d17, 0x8d18, 0x8d19, 0x8d1a, 0x8d1b, 0x8d1c, 0x8d1d, 0x8d1e, // Wellsburg (X99)
  0x8c90, 0x8c92, 0x8c94, 0x8c96, 0x8c98, 0x8c9a, 0x8c9c, 0x8c9e, // Lynx Point (9 series)
]);
const intelPch: QuirkFn = (dev, flags, ctx) => {
  if (dev.portType !== 'root-port' || !INTEL_PCH_ACS_IDS.has(device(dev))) return -1;
  return ctrlEnabled(flags, ctx.acsRequested ? SV_RR_CR_UF : 0);
};

/**
 * Sunrise/Union Point and 7th/8th-gen mobile PCH root ports keep ACS control in a dword at cap+8,
 * so lspci's ACSCtl (cap+6) is not what the kernel reads ("N.B. This doesn't fix what lspci
 * shows"). With ACS requested the kernel wrote cap & (SV|RR|CR|UF) there at boot, and that is
 * what this port assumes it reads back.
 */
const intelSpt: QuirkFn = (dev, flags, ctx) => {
  if (dev.portType !== 'root-port' || !inRanges(device(dev), [[0xa110, 0xa11f], [0xa167, 0xa16a], [0xa290, 0xa29f], [0xa2e7, 0xa2ee], [0x9d10, 0x9d1b]])) return -1;
  if (typeof dev.acs !== 'object') return -1;
  const requested = flags & (dev.acs.cap | ACS.EC);
  return ctrlEnabled(requested, ctx.acsRequested ? dev.acs.cap & SV_RR_CR_UF : 0);
};
const mfEndpoint: QuirkFn = (_dev, flags) => ctrlEnabled(flags, ACS.SV | ACS.TB | ACS.RR | ACS.CR | ACS.UF | ACS.DT);
const rciep: QuirkFn = (dev, flags) => (dev.portType === 'rc-endpoint' ? ctrlEnabled(flags, SV_RR_CR_UF) : -1);
const annapurna: QuirkFn = (dev, flags) => (dev.portType === 'root-port' ? ctrlEnabled(flags, SV_RR_CR_UF) : -1);
const wangxun: QuirkFn = (dev, flags) =>
  inRanges(device(dev), [[0x0100, 0x010f], [0x1001, 0x1001], [0x2001, 0x2001], [0x5010, 0x5010], [0x5025, 0x5025], [0x5040, 0x5040], [0x5110, 0x5110], [0x5125, 0x5125], [0x5140, 0x5140]])
    ? ctrlEnabled(flags, SV_RR_CR_UF) : 0;

const V = { ATI: 0x1002, AMD: 0x1022, SOLARFLARE: 0x1924, INTEL: 0x8086, QCOM: 0x17cb, HXT: 0x1dbf, CAVIUM: 0x177d, AMCC: 0x10e8, AMPERE: 0x1def, BROADCOM: 0x14e4, LOONGSON: 0x0014, ANNAPURNA: 0x1c36, ZHAOXIN: 0x1d17, NXP: 0x1957, WANGXUN: 0x8088, EMULEX_BE: 0x19a2, EMULEX: 0x10df } as const;

const AMD_SB = 'AMD: these southbridge functions do not do peer-to-peer when an AMD IOMMU (IVRS) is present';
const MF_EP = 'the vendor verified the functions do no peer-to-peer with each other';
const RP_NO_P2P = 'the root ports have ACS-like isolation but no ACS capability; no peer-to-peer between them';
const entries = (vendor: number, devices: readonly number[], fn: string, because: string, enabled: QuirkFn): AcsQuirk[] =>
  devices.map((d) => ({ vendor, device: d, fn, because, enabled }));

/** pci_dev_acs_enabled[], in the kernel's order (the first entry that answers ≥ 0 wins). */
export const ACS_QUIRKS: readonly AcsQuirk[] = [
  ...entries(V.ATI, [0x4385, 0x439c, 0x4383, 0x439d, 0x4384, 0x4399], 'pci_quirk_amd_sb_acs', AMD_SB, amdSb),
  ...entries(V.AMD, [0x780f, 0x7809], 'pci_quirk_amd_sb_acs', AMD_SB, amdSb),
  ...entries(V.SOLARFLARE, [0x0903, 0x0923, 0x0a03], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  ...entries(V.INTEL, [
    0x10c6, 0x10db, 0x10dd, 0x10e1, 0x10f1, 0x10f7, 0x10f8, 0x10f9, 0x10fa, 0x10fb, 0x10fc, 0x1507, 0x1514, 0x151c, 0x1529, 0x152a, 0x154d, 0x154f, 0x1551, 0x1558,
    0x1509, 0x150e, 0x150f, 0x1510, 0x1511, 0x1516, 0x1527, // 82580
    0x10c9, 0x10e6, 0x10e7, 0x10e8, 0x150a, 0x150d, 0x1518, 0x1526, // 82576
    0x10a7, 0x10a9, 0x10d6, // 82575
    0x1521, 0x1522, 0x1523, 0x1524, // I350
    0x105e, 0x105f, 0x1060, 0x10d9, // 82571 (quads omitted: non-ACS switch)
    0x15b7, 0x15b8, // I219
  ], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  { vendor: V.INTEL, device: 'any', fn: 'pci_quirk_rciep_acs', because: 'Intel root-complex integrated endpoints may do peer-to-peer only on translated addresses (VT-d r3.1 §3.16)', enabled: rciep },
  ...entries(V.QCOM, [0x0400, 0x0401, 0x0115], 'pci_quirk_qcom_rp_acs', RP_NO_P2P, svRrCrUf),
  ...entries(V.HXT, [0x0401], 'pci_quirk_qcom_rp_acs', RP_NO_P2P, svRrCrUf),
  { vendor: V.INTEL, device: 'any', fn: 'pci_quirk_intel_pch_acs', because: 'Intel PCH root port without an ACS capability; the kernel disables peer decodes itself (UPDCR, MPC IRBNCE) when an IOMMU asks for ACS', enabled: intelPch },
  { vendor: V.INTEL, device: 'any', fn: 'pci_quirk_intel_spt_pch_acs', because: 'Intel Sunrise/Union Point PCH root port: its ACS control is a dword at cap+8, which lspci does not show (errata 22/23)', enabled: intelSpt },
  ...entries(V.EMULEX_BE, [0x0710], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  ...entries(V.EMULEX, [0x0720], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  { vendor: V.CAVIUM, device: 'any', fn: 'pci_quirk_cavium_acs', because: 'Cavium ThunderX root ports implement SV/RR/CR/UF-equivalent protection without an ACS capability', enabled: cavium },
  ...entries(V.CAVIUM, [0xa026, 0xa059, 0xa060], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  ...entries(V.AMCC, [0xe004], 'pci_quirk_xgene_acs', RP_NO_P2P, svRrCrUf),
  ...entries(V.AMPERE, [0xe005, 0xe006, 0xe007, 0xe008, 0xe009, 0xe00a, 0xe00b, 0xe00c], 'pci_quirk_xgene_acs', RP_NO_P2P, svRrCrUf),
  ...entries(V.BROADCOM, [0x16d7, 0x1750, 0x1751, 0x1752, 0x1760, 0x1761, 0x1762, 0x1763], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  ...entries(V.BROADCOM, [0xd714], 'pci_quirk_brcm_acs', RP_NO_P2P, svRrCrUf),
  ...entries(V.LOONGSON, [0x3c09, 0x3c19, 0x3c29, 0x7a09, 0x7a19, 0x7a29, 0x7a39, 0x7a49, 0x7a59, 0x7a69], 'pci_quirk_loongson_acs', RP_NO_P2P, svRrCrUf),
  ...entries(V.ANNAPURNA, [0x0031], 'pci_quirk_al_acs', RP_NO_P2P, annapurna),
  ...entries(V.ZHAOXIN, [0x3038, 0x3104, 0x9083], 'pci_quirk_mf_endpoint_acs', MF_EP, mfEndpoint),
  ...entries(V.NXP, [
    0x8d81, 0x8da1, 0x8d83, 0x8d80, 0x8da0, 0x8d82, 0x8d90, 0x8db0, 0x8d92, 0x8d91, 0x8db1, 0x8d93,
    0x8d89, 0x8da9, 0x8d8b, 0x8d88, 0x8da8, 0x8d8a, 0x8d98, 0x8db8, 0x8d9a, 0x8d99, 0x8db9, 0x8d9b,
  ], 'pci_quirk_nxp_rp_acs', RP_NO_P2P, svRrCrUf),
  { vendor: V.ZHAOXIN, device: 'any', fn: 'pci_quirk_zhaoxin_pcie_ports_acs', because: 'listed Zhaoxin root/downstream ports block peer-to-peer without an ACS capability; other Zhaoxin ports are treated as not isolated', enabled: zhaoxinPorts },
  { vendor: V.WANGXUN, device: 'any', fn: 'pci_quirk_wangxun_nic_acs', because: 'listed Wangxun NICs direct all peer-to-peer upstream as if RR and CR were set; other Wangxun devices are treated as not isolated', enabled: wangxun },
];

export interface QuirkAnswer {
  readonly quirk: AcsQuirk;
  readonly enabled: boolean;
}

/**
 * pci_dev_specific_acs_enabled(): the first matching quirk that answers, or undefined (-ENOTTY)
 * when none applies. A function with unknown IDs matches nothing.
 */
export function quirkAcsEnabled(dev: PciFunction, acsFlags: number, ctx: AcsQuirkContext): QuirkAnswer | undefined {
  if (dev.vendorId === undefined || dev.deviceId === undefined) return undefined;
  for (const quirk of ACS_QUIRKS) {
    if (quirk.vendor !== dev.vendorId || (quirk.device !== 'any' && quirk.device !== dev.deviceId)) continue;
    const answer = quirk.enabled(dev, acsFlags, ctx);
    if (answer >= 0) return { quirk, enabled: answer > 0 };
  }
  return undefined;
}
