import { ACS, ACS_BITS, ACS_LSPCI_NAME, formatAddress, probeOrder, sameSlot, type AcsState, type Bar, type BusRange, type PciFunction, type PortType, type Topology } from './topology.ts';
import { applyTree, parseLspciTree } from './lspci-tree.ts';

/**
 * Reads the text of `lspci -vvv` (with or without -nn, -D; ideally as root) and, when the same
 * text also holds it, `lspci -tv`. Never throws: what it cannot read becomes a diagnostic with the
 * line it came from, and missing facts stay marked unknown rather than guessed.
 */
export type LspciDiagnosticCode =
  | 'not-lspci-output'
  | 'access-denied'
  | 'unknown-ids'
  | 'duplicate-function'
  | 'bridge-without-bus-range'
  | 'unknown-express-type'
  | 'acs-lines-missing'
  | 'tree-disagrees';

export interface LspciDiagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: LspciDiagnosticCode;
  /** 1-based line of the text the diagnostic is about (0 when about the whole text). */
  readonly line: number;
  readonly message: string;
}

export interface LspciParse {
  readonly topology: Topology;
  readonly diagnostics: readonly LspciDiagnostic[];
}

const HEADER = /^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])\s+(.*)$/i;
const CLASS = /^([^:]*?)(?:\s\[([0-9a-f]{4})\])?:\s(.*)$/i;
const IDS = /\[([0-9a-f]{4}):([0-9a-f]{4})\]/gi;
const EXPRESS = /^Capabilities:\s\[[0-9a-f]+\]\sExpress\s\(v\d+\)\s(.*?)(?:,\s(?:MSI|IntMsgNum)\s[0-9a-f]+)?$/i;
const BUS = /^Bus:\s+primary=([0-9a-f]{2}),\s*secondary=([0-9a-f]{2}),\s*subordinate=([0-9a-f]{2})/i;
const REGION = /^Region\s(\d):\s(Memory|I\/O ports)\sat\s(<unassigned>|<ignored>|[0-9a-f]+)(?:\s\(([^)]*)\))?/i;
const SIZE = /\[size=(\d+)([KMGT]?)\]/;
const ACS_LINE = /^ACS(Cap|Ctl):\s*(.*)$/;

const EXPRESS_TYPES: readonly (readonly [RegExp, PortType])[] = [
  [/^Legacy Endpoint/i, 'legacy-endpoint'],
  [/^Endpoint/i, 'endpoint'],
  [/^Root Port/i, 'root-port'],
  [/^Upstream Port/i, 'upstream-port'],
  [/^Downstream Port/i, 'downstream-port'],
  [/^PCI-Express to PCI/i, 'pcie-to-pci-bridge'],
  [/^PCI\/PCI-X to PCI-Express/i, 'pci-to-pcie-bridge'],
  [/^Root Complex Integrated Endpoint/i, 'rc-endpoint'],
  [/^Root Complex Event Collector/i, 'rc-event-collector'],
];

const SIZE_UNIT: Readonly<Record<string, bigint>> = { '': 1n, K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };

interface Draft {
  line: number;
  address: PciFunction['address'];
  vendorId: number | undefined;
  deviceId: number | undefined;
  classCode: number | undefined;
  description: string;
  capsSeen: boolean;
  accessDenied: boolean;
  portType: PortType | undefined;
  acsCap: number | undefined;
  acsCtl: number | undefined;
  acsHeaderLine: number | undefined;
  busRange: BusRange | undefined;
  bars: Bar[];
  ats: boolean;
  driver: string | undefined;
  reportedGroup: number | undefined;
}

/** "SrcValid+ TransBlk- …" → the register value. */
function acsRegister(text: string): number {
  let raw = 0;
  for (const bit of ACS_BITS) if (new RegExp(`\\b${ACS_LSPCI_NAME[bit]}\\+`).test(text)) raw |= ACS[bit];
  return raw;
}

function parseRegion(text: string): Bar | undefined {
  const m = REGION.exec(text);
  if (!m) return undefined;
  const [, index, kind, at, flags = ''] = m;
  const [, size, unit = ''] = SIZE.exec(text) ?? [];
  const address = at === undefined || at.startsWith('<') ? undefined : BigInt(`0x${at}`);
  return {
    index: Number(index),
    kind: kind === 'Memory' ? 'memory' : 'io',
    address,
    size: size === undefined ? undefined : BigInt(size) * (SIZE_UNIT[unit] ?? 1n),
    prefetchable: /(^|,\s*)prefetchable/.test(flags),
    bits64: /64-bit/.test(flags),
  };
}

function startDraft(line: number, m: RegExpExecArray): Draft {
  const [, domain, bus, device, fn, rest = ''] = m;
  const cls = CLASS.exec(rest);
  const ids = [...(cls?.[3] ?? rest).matchAll(IDS)].pop();
  return {
    line,
    address: { domain: domain === undefined ? 0 : Number.parseInt(domain, 16), bus: Number.parseInt(bus ?? '0', 16), device: Number.parseInt(device ?? '0', 16), fn: Number(fn) },
    vendorId: ids?.[1] === undefined ? undefined : Number.parseInt(ids[1], 16),
    deviceId: ids?.[2] === undefined ? undefined : Number.parseInt(ids[2], 16),
    classCode: cls?.[2] === undefined ? undefined : Number.parseInt(cls[2], 16),
    description: rest.trim(),
    capsSeen: false, accessDenied: false, portType: undefined, acsCap: undefined, acsCtl: undefined, acsHeaderLine: undefined,
    busRange: undefined, bars: [], ats: false, driver: undefined, reportedGroup: undefined,
  };
}

function readDetail(d: Draft, text: string, line: number, diagnostics: LspciDiagnostic[]): void {
  if (text.startsWith('Capabilities:')) {
    if (/<access denied>/.test(text)) d.accessDenied = true;
    else d.capsSeen = true;
    const express = EXPRESS.exec(text);
    if (express) {
      const words = express[1] ?? '';
      const type = EXPRESS_TYPES.find(([re]) => re.test(words));
      if (type) d.portType = type[1];
      else diagnostics.push({ severity: 'warning', code: 'unknown-express-type', line, message: `line ${line}: ${formatAddress(d.address)} has a PCI Express capability of a type this reader does not know ("${words}")` });
    }
    if (/\]\sAccess Control Services/.test(text)) d.acsHeaderLine = line;
    if (/Address Translation Service \(ATS\)/.test(text)) d.ats = true;
    return;
  }
  const acs = ACS_LINE.exec(text);
  if (acs) {
    if (acs[1] === 'Cap') d.acsCap = acsRegister(acs[2] ?? '');
    else d.acsCtl = acsRegister(acs[2] ?? '');
    return;
  }
  const bus = BUS.exec(text);
  if (bus) {
    d.busRange = { primary: Number.parseInt(bus[1] ?? '0', 16), secondary: Number.parseInt(bus[2] ?? '0', 16), subordinate: Number.parseInt(bus[3] ?? '0', 16) };
    return;
  }
  const group = /^IOMMU group:\s*(\d+)/.exec(text);
  if (group) { d.reportedGroup = Number(group[1]); return; }
  const driver = /^Kernel driver in use:\s*(\S+)/.exec(text);
  if (driver) { d.driver = driver[1]; return; }
  const bar = parseRegion(text);
  if (bar) d.bars.push(bar);
}

function finish(d: Draft, diagnostics: LspciDiagnostic[]): Omit<PciFunction, 'multifunction'> {
  let acs: AcsState;
  let portType: PortType;
  if (d.accessDenied && !d.capsSeen) {
    acs = 'unknown';
    portType = 'unknown';
  } else {
    portType = d.portType ?? 'pci';
    if (d.acsHeaderLine === undefined) acs = 'absent';
    else if (d.acsCap === undefined || d.acsCtl === undefined) {
      acs = 'unknown';
      diagnostics.push({ severity: 'warning', code: 'acs-lines-missing', line: d.acsHeaderLine, message: `line ${d.acsHeaderLine}: ${formatAddress(d.address)} has an Access Control Services capability but no ACSCap/ACSCtl lines (lspci -vv or more is needed)` });
    } else acs = { cap: d.acsCap, ctl: d.acsCtl };
  }
  if (d.busRange === undefined && d.classCode === 0x0604) {
    diagnostics.push({ severity: 'warning', code: 'bridge-without-bus-range', line: d.line, message: `line ${d.line}: ${formatAddress(d.address)} is a PCI bridge [0604] without a "Bus: primary=…" line, so nothing can be placed below it (run lspci -vvv)` });
  }
  return {
    address: d.address, vendorId: d.vendorId, deviceId: d.deviceId, classCode: d.classCode, description: d.description,
    portType, acs, busRange: d.busRange, bars: d.bars, ats: d.ats, driver: d.driver, reportedGroup: d.reportedGroup,
  };
}

/** One diagnostic for many functions: the first line, the count and a few addresses. */
function summarize(drafts: readonly Draft[], code: LspciDiagnosticCode, severity: LspciDiagnostic['severity'], what: string): LspciDiagnostic[] {
  const first = drafts[0];
  if (first === undefined) return [];
  const names = drafts.slice(0, 4).map((d) => formatAddress(d.address)).join(', ');
  return [{ severity, code, line: first.line, message: `${drafts.length} function${drafts.length === 1 ? '' : 's'} (${names}${drafts.length > 4 ? ', …' : ''}) ${what}` }];
}

/** Parses lspci text; `topology.functions` is empty (with a 'not-lspci-output' error) when no function header is found. */
export function parseLspci(text: string): LspciParse {
  const diagnostics: LspciDiagnostic[] = [];
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const header = /^\S/.test(raw) ? HEADER.exec(raw.trimEnd()) : null;
    if (header) {
      current = startDraft(line, header);
      drafts.push(current);
      return;
    }
    // A non-indented line that is no header is stray output (pcilib warnings on stderr land
    // mid-line in captured dumps); it neither ends the function nor belongs to it.
    if (/^\S/.test(raw)) return;
    if (current !== undefined && raw.trim() !== '') readDetail(current, raw.trim(), line, diagnostics);
  });
  if (drafts.length === 0) {
    return { topology: { functions: [] }, diagnostics: [{ severity: 'error', code: 'not-lspci-output', line: 0, message: 'not lspci output: no line starts with a PCI address such as "00:1f.0" or "0000:00:1f.0"' }] };
  }
  const unique = new Map<string, Draft>();
  for (const d of drafts) {
    const key = formatAddress(d.address);
    if (unique.has(key)) diagnostics.push({ severity: 'warning', code: 'duplicate-function', line: d.line, message: `line ${d.line}: ${key} appears twice; the first entry is kept` });
    else unique.set(key, d);
  }
  const kept = [...unique.values()];
  diagnostics.push(...summarize(kept.filter((d) => d.accessDenied && !d.capsSeen), 'access-denied', 'warning',
    'show "Capabilities: <access denied>": lspci was not run as root, so their PCIe port type and ACS bits are unknown and groups that depend on them are marked uncertain'));
  diagnostics.push(...summarize(kept.filter((d) => d.vendorId === undefined), 'unknown-ids', 'warning',
    'have no [vendor:device] IDs (run lspci -nn): the kernel\'s ACS and DMA-alias quirks, matched by ID, cannot apply to them'));
  const partial = kept.map((d) => finish(d, diagnostics));
  // Header type bit 7 is not printed; a slot with more than one function listed is multifunction.
  let functions: PciFunction[] = partial.map((f) => ({ ...f, multifunction: partial.some((g) => g !== f && sameSlot(g.address, f.address)) }));
  const tree = parseLspciTree(lines);
  if (tree.length > 0) {
    const applied = applyTree(functions, tree);
    functions = applied.functions;
    diagnostics.push(...applied.disagreements.map((d): LspciDiagnostic => ({ severity: 'warning', code: 'tree-disagrees', line: d.line, message: d.message })));
  }
  return { topology: { functions: probeOrder(functions) }, diagnostics };
}
