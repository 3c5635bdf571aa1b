import type { Platform } from './acs.ts';
import { parseLspci, type LspciDiagnostic } from './lspci-parse.ts';
import { consumerDesktop, eightGpuServer } from './samples.ts';
import { toHex } from '../../hex.ts';
import { ACS, ACS_BITS, ACS_LSPCI_NAME, acsBitsSet, formatAddress, type PciFunction, type Topology } from './topology.ts';

/**
 * Which machine the topology views look at, and what the user changed on it. Requests carry the
 * whole source (a sample's name or the lspci text) so the engine keeps no state between them: a
 * restarted worker answers the next request exactly as the old one would have.
 */
export const SAMPLE_TOPOLOGIES = {
  server: { label: '8-GPU server (two PCIe switches)', build: eightGpuServer },
  desktop: { label: 'Consumer desktop', build: consumerDesktop },
} as const;
export type SampleTopologyId = keyof typeof SAMPLE_TOPOLOGIES;

export type TopologySource =
  | { readonly kind: 'sample'; readonly sample: SampleTopologyId }
  | { readonly kind: 'lspci'; readonly text: string };

export interface TopologyEdits {
  /** ACS Control written by `setpci -s ADDRESS ECAP_ACS+0x6.w=VALUE`, by "0000:02:00.0" address. */
  readonly acsCtl: Readonly<Record<string, number>>;
  /** Drivers bound instead of the dump's, e.g. "vfio-pci"; an empty string unbinds. */
  readonly drivers: Readonly<Record<string, string>>;
}

export interface ResolvedTopology {
  readonly topology: Topology;
  readonly platform: Platform;
  readonly diagnostics: readonly LspciDiagnostic[];
}

export type TopologyResult = { readonly ok: true; readonly value: ResolvedTopology } | { readonly ok: false; readonly field: string; readonly error: string };

/**
 * What the dump cannot say about the platform: an IVRS table is taken to exist when an AMD IOMMU
 * function (class 0806, vendor 1022) is listed; ACS as requested, i.e. an IOMMU driver is on
 * (pci_request_acs() from intel_iommu_init / amd_iommu_init_api).
 */
export function platformOf(topology: Topology): Platform {
  return { ivrs: topology.functions.some((f) => f.vendorId === 0x1022 && f.classCode === 0x0806), acsRequested: true };
}

/**
 * NCCL takes the lower x86 Intel default P2P level (ncclTopoCheckP2p) on Intel CPUs; here the
 * CPU's vendor is the host bridge's (class 0600 on bus 0), and an Intel one says so.
 */
export const hasIntelHostBridge = (topology: Topology): boolean =>
  topology.functions.some((f) => f.classCode === 0x0600 && f.address.bus === 0 && f.vendorId === 0x8086);

/** The first non-blank line, quoted and cut to fit a message. */
function firstLine(text: string): { line: number; quote: string } | undefined {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.trim() !== '');
  const found = lines[index];
  if (found === undefined) return undefined;
  const trimmed = found.trim();
  return { line: index + 1, quote: trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed };
}

/** Parses an import; text with no function in it is refused with the line that gave it away. */
function importLspci(text: string): TopologyResult {
  const first = firstLine(text);
  if (first === undefined) return { ok: false, field: 'lspci', error: 'the text is empty: paste the output of `sudo lspci -vvv` (or -vvvnn)' };
  const parsed = parseLspci(text);
  if (parsed.topology.functions.length === 0) {
    return { ok: false, field: 'lspci', error: `not lspci output: line ${first.line} ("${first.quote}") does not start with a PCI address such as 00:1f.0 or 0000:00:1f.0, and no later line does` };
  }
  const platform = platformOf(parsed.topology);
  return { ok: true, value: { topology: parsed.topology, platform, diagnostics: parsed.diagnostics } };
}

const ACS_ALL = ACS_BITS.reduce((v, b) => v | ACS[b], 0);

function applyAcs(f: PciFunction, value: number, name: string): PciFunction | string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) return `${name}: ACS Control ${String(value)} is not a 16-bit value`;
  if (typeof f.acs !== 'object') return `${name} has no ACS capability to write (${f.acs === 'absent' ? 'none in its capability list' : 'its capabilities are not in the dump'})`;
  // Controls for capabilities the port lacks are hard-wired to 0 (PCIe r6.0 §7.7.8.3).
  if ((value & ~ACS_ALL) !== 0) return `${name}: ACS Control ${toHex(BigInt(value), 4)} sets bits above DirectTrans (bit 6), which this model does not know`;
  const unsupported = acsBitsSet(value & ~f.acs.cap);
  if (unsupported.length > 0) return `${name}: ACSCap lacks ${unsupported.map((b) => ACS_LSPCI_NAME[b]).join(' ')}, so that control is hard-wired to 0`;
  return { ...f, acs: { cap: f.acs.cap, ctl: value } };
}

function applyEdits(topology: Topology, edits: TopologyEdits): { ok: true; topology: Topology } | { ok: false; field: string; error: string } {
  const byName = new Map(topology.functions.map((f) => [formatAddress(f.address), f]));
  const changed = new Map<PciFunction, PciFunction>();
  for (const [name, value] of Object.entries(edits.acsCtl)) {
    const f = byName.get(name);
    if (f === undefined) return { ok: false, field: 'acsCtl', error: `no function ${name} in this topology` };
    const next = applyAcs(f, value, name);
    if (typeof next === 'string') return { ok: false, field: 'acsCtl', error: next };
    changed.set(f, next);
  }
  for (const [name, driver] of Object.entries(edits.drivers)) {
    const f = byName.get(name);
    if (f === undefined) return { ok: false, field: 'drivers', error: `no function ${name} in this topology` };
    if (!/^[\w.-]*$/.test(driver)) return { ok: false, field: 'drivers', error: `${name}: "${driver}" is not a driver name` };
    const base = changed.get(f) ?? f;
    changed.set(f, { ...base, driver: driver === '' ? undefined : driver });
  }
  return { ok: true, topology: { functions: topology.functions.map((f) => changed.get(f) ?? f) } };
}

/** The source with the edits applied. Never throws: bad text or an edit that cannot apply names its field. */
export function resolveTopology(source: TopologySource, edits: TopologyEdits): TopologyResult {
  let base: ResolvedTopology;
  if (source.kind === 'sample') {
    const sample = SAMPLE_TOPOLOGIES[source.sample];
    if (sample === undefined) return { ok: false, field: 'source', error: `no sample topology "${String(source.sample)}" (samples: ${Object.keys(SAMPLE_TOPOLOGIES).join(', ')})` };
    const topology = sample.build();
    base = { topology, platform: platformOf(topology), diagnostics: [] };
  } else {
    const imported = importLspci(source.text);
    if (!imported.ok) return imported;
    base = imported.value;
  }
  const edited = applyEdits(base.topology, edits);
  if (!edited.ok) return edited;
  return { ok: true, value: { ...base, topology: edited.topology } };
}
