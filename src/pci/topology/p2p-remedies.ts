import { bridgesAbove, type PciFunction, type Topology } from './topology.ts';

/**
 * What NCCL does about the peer path, and the fixes people apply, as data the P2P view shows.
 * NCCL path types and the default level are from ncclTopoCheckP2p() in NCCL's
 * src/graph/paths.cc (2.2x): P2P is used when the path type is at most the level; the default
 * is SYS, lowered to PXB on x86 Intel (and ARM, Zhaoxin); NCCL_P2P_DISABLE=1 turns P2P off and
 * NCCL_P2P_LEVEL sets the level by name. NCCL's NVB, C2C and PXN levels are left out here.
 */
export const NCCL_PATH_TYPES = ['LOC', 'NVL', 'PIX', 'PXB', 'PHB', 'SYS'] as const;
export type NcclPathType = (typeof NCCL_PATH_TYPES)[number];

export const NCCL_PATH_MEANING: Readonly<Record<NcclPathType, string>> = {
  LOC: 'the same GPU',
  NVL: 'NVLink',
  PIX: 'through at most one PCIe switch',
  PXB: 'through several PCIe switches, without the CPU',
  PHB: 'through a PCIe host bridge (the CPU root complex)',
  SYS: 'across the CPUs\' interconnect (another socket / NUMA node)',
};

/** NCCL's classification of the PCIe path between two GPUs (no NVLink modelled). */
export function ncclPathType(topology: Topology, a: PciFunction, b: PciFunction): NcclPathType {
  if (a === b) return 'LOC';
  if (a.address.domain !== b.address.domain) return 'SYS';
  const upA = bridgesAbove(topology, a);
  const upB = bridgesAbove(topology, b);
  const common = upA.find((bridge) => upB.includes(bridge));
  if (common === undefined) return 'PHB';
  const switchesCrossed = [...upA.slice(0, upA.indexOf(common)), ...upB.slice(0, upB.indexOf(common))].filter((p) => p.portType === 'upstream-port').length;
  return switchesCrossed === 0 ? 'PIX' : 'PXB';
}

export interface NcclDecision {
  readonly pathType: NcclPathType;
  readonly level: NcclPathType;
  readonly usesP2p: boolean;
  /** What moves the data: one peer write, or two DMAs through a host-memory staging buffer. */
  readonly transfer: readonly string[];
}

/** ncclTopoCheckP2p(): `env` holds NCCL_P2P_DISABLE / NCCL_P2P_LEVEL; `intelX86` selects the PXB default. */
export function ncclDecision(pathType: NcclPathType, env: { readonly NCCL_P2P_DISABLE?: string; readonly NCCL_P2P_LEVEL?: string }, intelX86: boolean): NcclDecision {
  const level: NcclPathType = env.NCCL_P2P_DISABLE === '1' ? 'LOC'
    : NCCL_PATH_TYPES.find((t) => t === env.NCCL_P2P_LEVEL) ?? (intelX86 ? 'PXB' : 'SYS');
  const usesP2p = pathType !== 'LOC' && NCCL_PATH_TYPES.indexOf(pathType) <= NCCL_PATH_TYPES.indexOf(level);
  return {
    pathType,
    level,
    usesP2p,
    transfer: usesP2p
      ? ['GPU A writes GPU B\'s memory through B\'s BAR (one peer-to-peer DMA write)']
      : ['GPU A writes a staging buffer in host memory (DMA write, translated by A\'s IOMMU domain)', 'GPU B reads that buffer (DMA read, translated by B\'s domain): twice the PCIe traffic and host-memory bandwidth'],
  };
}

export interface P2pFix {
  readonly id: 'setpci-acs-off' | 'bios-acs-off' | 'disable-acs-redir' | 'iommu-pt' | 'ats-direct-translated' | 'nccl-p2p-disable';
  readonly title: string;
  readonly how: string;
  readonly gains: string;
  readonly givesUp: string;
}

export const P2P_FIXES: readonly P2pFix[] = [
  {
    id: 'setpci-acs-off', title: 'Clear ACS on the switch downstream ports with setpci',
    how: 'setpci -s <downstream port> ECAP_ACS+0x6.w=0000   (for every switch downstream port, as root, after each boot)',
    gains: 'peer writes turn inside the switch: full switch bandwidth, no IOMMU on the path',
    givesUp: 'isolation: devices below the switch can reach each other unchecked, yet the kernel computed the IOMMU groups at boot and still shows them apart, so VFIO may hand out devices that are not isolated',
  },
  {
    id: 'bios-acs-off', title: 'Turn ACS off in the BIOS (e.g. "IIO Configuration > ACS Control")',
    how: 'firmware setup; persists across boots',
    gains: 'as setpci, from boot on',
    givesUp: 'protection between peers; and pci_device_group() (Linux ≤ 6.18) then puts each GPU only with its own downstream port, so the groups still look separate although the GPUs can reach each other (the gap the 2025 "Compute iommu_groups properly for PCIe switches" rework closes)',
  },
  {
    id: 'disable-acs-redir', title: 'Kernel parameter pci=disable_acs_redir=<device>[;<device>…]',
    how: 'boot with pci=disable_acs_redir=pci:1000:c030 (vendor:device) or a BDF path for the switch ports',
    gains: 'ReqRedir, CmpltRedir and EgressCtrl cleared at boot, before the groups are formed, for the named ports only',
    givesUp: 'the same isolation as the BIOS option, but explicitly and per port; the grouping caveat of the BIOS option applies',
  },
  {
    id: 'iommu-pt', title: 'Boot with iommu=pt',
    how: 'add iommu=pt to the kernel command line',
    gains: 'host-owned devices get an identity domain: a redirected peer write passes the IOMMU untranslated',
    givesUp: 'DMA protection for host drivers; the write still detours through the root complex, which must support peer-to-peer',
  },
  {
    id: 'ats-direct-translated', title: 'ATS with ACS Direct Translated P2P',
    how: 'enable ATS on the GPUs (driver) and set DirectTrans in the downstream ports\' ACSCtl',
    gains: 'translated requests go straight across the switch while untranslated ones stay redirected',
    givesUp: 'trust in the devices\' address translation caches: a device can present any address as already translated',
  },
  {
    id: 'nccl-p2p-disable', title: 'NCCL_P2P_DISABLE=1 (or a lower NCCL_P2P_LEVEL)',
    how: 'export NCCL_P2P_DISABLE=1',
    gains: 'no hang: NCCL stages every transfer through host memory',
    givesUp: 'bandwidth and latency: two DMAs per transfer and host-memory traffic',
  },
];
