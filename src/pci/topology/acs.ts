import { quirkAcsEnabled, type AcsQuirkContext } from './acs-quirks.ts';
import { ACS, ACS_LSPCI_NAME, acsBitsSet, formatAddress, upstreamBridge, type PciFunction, type PortType, type Topology } from './topology.ts';

/**
 * REQ_ACS_FLAGS in drivers/iommu/iommu.c (Linux 6.18): a device is isolated when ACS validates its
 * requester ID (SV), redirects peer requests and completions upstream (RR, CR) and forwards
 * everything upstream (UF).
 */
/** What the platform adds to a function's own registers: see AcsQuirkContext. */
export type Platform = Omit<AcsQuirkContext, 'onRootBus'>;

export const REQ_ACS_FLAGS = ACS.SV | ACS.RR | ACS.CR | ACS.UF;

export interface AcsVerdict {
  readonly enabled: boolean;
  /** The answer rests on something the dump did not show (port type or ACS registers). */
  readonly uncertain: boolean;
  /** In words, naming the function: "0000:00:1c.0 (root port): ACSCtl lacks ReqRedir CmpltRedir". */
  readonly reason: string;
  /** The quirk function that answered, e.g. 'pci_quirk_mf_endpoint_acs'. */
  readonly quirk?: string;
}

const PORT_WORDS: Readonly<Record<PortType, string>> = {
  'endpoint': 'endpoint', 'legacy-endpoint': 'legacy endpoint', 'rc-endpoint': 'root-complex integrated endpoint',
  'rc-event-collector': 'root-complex event collector', 'root-port': 'root port', 'upstream-port': 'switch upstream port',
  'downstream-port': 'switch downstream port', 'pcie-to-pci-bridge': 'PCIe-to-PCI bridge', 'pci-to-pcie-bridge': 'PCI-to-PCIe bridge',
  'pci': 'conventional PCI', 'unknown': 'type unknown',
};

export const describe = (f: PciFunction): string => `${formatAddress(f.address)} (${PORT_WORDS[f.portType]})`;
const names = (raw: number): string => acsBitsSet(raw).map((b) => ACS_LSPCI_NAME[b]).join(' ');

/**
 * pci_acs_flags_enabled(): controls missing from the capability register count as hard-wired on,
 * except egress control ("acs_flags &= (cap | PCI_ACS_EC)").
 */
function flagsEnabled(f: PciFunction, acsFlags: number): AcsVerdict {
  const who = describe(f);
  if (f.acs === 'unknown') return { enabled: false, uncertain: true, reason: `${who}: ACS registers not in the dump (lspci not run as root); assumed not isolating` };
  if (f.acs === 'absent') return { enabled: false, uncertain: false, reason: `${who}: no ACS capability` };
  const required = acsFlags & (f.acs.cap | ACS.EC);
  const missing = required & ~f.acs.ctl;
  if (missing !== 0) return { enabled: false, uncertain: false, reason: `${who}: ACSCtl lacks ${names(missing)}` };
  return { enabled: true, uncertain: false, reason: `${who}: ACSCtl has ${names(required) || 'every required control hard-wired'}` };
}

/**
 * pci_acs_enabled() (drivers/pci/pci.c, Linux 6.18): quirks first, then by port type. Conventional
 * PCI never isolates; PCIe-to-PCI bridges and event collectors are excluded by PCIe 3.0 §6.12.1;
 * root and downstream ports must show the controls; endpoints and upstream ports only when they
 * are part of a multifunction device; any other single function is isolated.
 */
export function acsEnabled(topology: Topology, dev: PciFunction, acsFlags: number, platform: Platform): AcsVerdict {
  const quirk = quirkAcsEnabled(dev, acsFlags, { ...platform, onRootBus: upstreamBridge(topology, dev) === undefined });
  const who = describe(dev);
  if (quirk !== undefined) {
    return { enabled: quirk.enabled, uncertain: false, quirk: quirk.quirk.fn, reason: `${who}: ${quirk.quirk.fn} says ${quirk.enabled ? 'isolated' : 'not isolated'}: ${quirk.quirk.because}` };
  }
  switch (dev.portType) {
    case 'unknown':
      return { enabled: false, uncertain: true, reason: `${who}: capabilities not in the dump (lspci not run as root); assumed not isolating` };
    case 'pci':
      return { enabled: false, uncertain: false, reason: `${who}: conventional PCI never supports ACS; every device on the shared bus can see its DMA` };
    case 'pci-to-pcie-bridge':
    case 'pcie-to-pci-bridge':
    case 'rc-event-collector':
      return { enabled: false, uncertain: false, reason: `${who}: ACS is never applicable to this type (PCIe 3.0 §6.12.1); treated as not isolating` };
    case 'downstream-port':
    case 'root-port':
      return flagsEnabled(dev, acsFlags);
    case 'endpoint':
    case 'upstream-port':
    case 'legacy-endpoint':
    case 'rc-endpoint':
      if (dev.multifunction) return flagsEnabled(dev, acsFlags);
      return { enabled: true, uncertain: false, reason: `${who}: single function, ACS not applicable (PCIe 3.0 §6.12.1.3)` };
  }
}

export interface AcsPathVerdict {
  readonly enabled: boolean;
  readonly uncertain: boolean;
  /** Every function checked, from `start` up to the one on the root bus, stopping at the first that fails. */
  readonly checked: readonly { readonly function: PciFunction; readonly verdict: AcsVerdict }[];
}

/** pci_acs_path_enabled(start, NULL, flags): every function from `start` to the root bus must pass. */
export function acsPathEnabled(topology: Topology, start: PciFunction, acsFlags: number, platform: Platform): AcsPathVerdict {
  const checked: { function: PciFunction; verdict: AcsVerdict }[] = [];
  for (let dev: PciFunction | undefined = start; dev !== undefined; dev = upstreamBridge(topology, dev)) {
    if (checked.some((c) => c.function === dev)) break;
    const verdict = acsEnabled(topology, dev, acsFlags, platform);
    checked.push({ function: dev, verdict });
    if (!verdict.enabled) return { enabled: false, uncertain: verdict.uncertain, checked };
  }
  return { enabled: true, uncertain: false, checked };
}
