import type { FunctionReport } from '../../src/pci/topology/topology-report.ts';
import { ACS, ACS_BITS, type AcsBit } from '../../src/pci/topology/topology.ts';
import { t } from '../i18n/i18n.ts';

/**
 * Short words for the diagram and lists, from what the engine reported: the UI shortens text, it
 * never works anything out about ACS or groups.
 */

/** "03:00.0" on PCI domain 0, the full "0001:03:00.0" otherwise, as lspci prints without -D. */
export const shortAddress = (address: string): string => (address.startsWith('0000:') ? address.slice(5) : address);

/** Port types that have a name of their own (in the catalogue, as topo.port.<type>). */
const NAMED_PORTS = ['root-port', 'upstream-port', 'downstream-port', 'pcie-to-pci-bridge', 'pci-to-pcie-bridge'] as const;
const isNamedPort = (type: string): type is (typeof NAMED_PORTS)[number] => (NAMED_PORTS as readonly string[]).includes(type);

const CLASS_SHORT: Readonly<Record<string, string>> = {
  'VGA compatible controller': 'VGA controller',
  'Non-Volatile memory controller': 'NVMe controller',
  'Serial bus controller': 'Serial bus',
  'Encryption controller': 'Encryption',
};

/**
 * "GPU 3", "Switch downstream port", "Ethernet controller": what the function is, briefly. Port
 * names are in the current language; class names stay as lspci prints them.
 */
export function functionName(f: FunctionReport): string {
  const gpu = /\((GPU \d+)\)/.exec(f.description);
  if (gpu?.[1] !== undefined) return gpu[1];
  if (isNamedPort(f.portType)) return t(`topo.port.${f.portType}`);
  const cls = /^([^:[]+)/.exec(f.description)?.[1]?.trim();
  if (cls === undefined || cls === '') return t('topo.pciFunction');
  return CLASS_SHORT[cls] ?? cls;
}

/** The vendor and device words after the class, without the bracketed IDs: "NVIDIA Corporation GH100 …". */
export function deviceWords(f: FunctionReport): string {
  const afterClass = f.description.replace(/^[^:]*:\s*/, '');
  return afterClass.replace(/\s*\[[0-9a-f]{4}:[0-9a-f]{4}\]/gi, '').replace(/\s*\(rev [0-9a-f]+\)/i, '').replace(/\s*\(prog-if[^)]*\)(\s*\([^)]*\))?/i, '').trim();
}

/** The controls pci_device_group() needs (REQ_ACS_FLAGS), in lspci's order. */
export const REQUIRED_BITS: readonly AcsBit[] = ['SV', 'RR', 'CR', 'UF'];

/** "SV+ RR− CR+ UF+" for a port with ACS; "no ACS" / "ACS unknown" otherwise. */
export function acsSummary(f: FunctionReport): string {
  if (f.acs === 'absent') return t('topo.acs.absent');
  if (f.acs === 'unknown') return t('topo.acs.unknownShort');
  const { ctl } = f.acs;
  const bits = REQUIRED_BITS.map((b) => `${b}${(ctl & ACS[b]) !== 0 ? '+' : '−'}`);
  if ((ctl & ACS.DT) !== 0) bits.push('DT+');
  return `ACS ${bits.join(' ')}`;
}

/** The ACS Control value as setpci writes it: four hex digits. */
export const ctlHex = (ctl: number): string => ctl.toString(16).padStart(4, '0');
export const setpciCommand = (address: string, ctl: number): string => `setpci -s ${address} ECAP_ACS+0x6.w=${ctlHex(ctl)}`;

export const bitsOf = (raw: number): AcsBit[] => ACS_BITS.filter((b) => (raw & ACS[b]) !== 0);

/** Group outline colours, cycled; each group also carries its number as text. */
const GROUP_COLOURS = ['#2255cc', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#1d4ed8', '#9a3412', '#6d28d9'];
export const groupColour = (id: number): string => GROUP_COLOURS[((id % GROUP_COLOURS.length) + GROUP_COLOURS.length) % GROUP_COLOURS.length] ?? '#2255cc';

/** ACS Control as the user last set it (shown at once), else as the engine reported it. */
export const shownCtl = (f: FunctionReport, acsCtl: Readonly<Record<string, number>>): number =>
  acsCtl[f.address] ?? (typeof f.acs === 'object' ? f.acs.ctl : 0);
