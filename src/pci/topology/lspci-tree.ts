import { formatAddress, type PciFunction } from './topology.ts';

/**
 * `lspci -tv` (show_tree in pciutils' ls-tree.c): each bridge prints "DD.F-[SS]" or "DD.F-[SS-UU]"
 * and its children hang from the '+' / '\' branch column that follows; root buses print
 * "-[DDDD:BB]-". Read here only to cross-check (and fill in) the bus ranges of `lspci -vvv`.
 */
export interface TreeEntry {
  readonly line: number;
  readonly domain: number;
  readonly bus: number;
  readonly device: number;
  readonly fn: number;
  readonly secondary: number | undefined;
  readonly subordinate: number | undefined;
}

const TOKEN = /\[(?:([0-9a-f]{4,8}):)?([0-9a-f]{2})(?:-([0-9a-f]{2}))?\]|([0-9a-f]{2})\.([0-7])/gi;
const TREE_LINE = /^[\s|+\\-]*(?:-\[|[+\\]-)/;

/** The tree entries in `lines`, or none when the text holds no `lspci -t` output. */
export function parseLspciTree(lines: readonly string[]): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const branchBus = new Map<number, { domain: number; bus: number }>();
  lines.forEach((text, i) => {
    if (!TREE_LINE.test(text) || !/\d\.\d/.test(text)) return;
    let context: { domain: number; bus: number } | undefined;
    let lastDevice: { index: number; end: number } | undefined;
    for (const m of text.matchAll(TOKEN)) {
      const at = m.index;
      if (m[2] !== undefined) {
        const bus = Number.parseInt(m[2], 16);
        const sub = m[3] === undefined ? undefined : Number.parseInt(m[3], 16);
        const previous = lastDevice === undefined ? undefined : entries[lastDevice.index];
        if (previous !== undefined && lastDevice !== undefined && text.slice(lastDevice.end, at) === '-') {
          entries[lastDevice.index] = { ...previous, secondary: bus, subordinate: sub ?? bus };
          context = { domain: previous.domain, bus };
        } else {
          context = { domain: m[1] === undefined ? 0 : Number.parseInt(m[1], 16), bus };
        }
        const branch = text.slice(at + m[0].length).search(/[+\\]/);
        const between = branch < 0 ? '' : text.slice(at + m[0].length, at + m[0].length + branch);
        if (branch >= 0 && /^-*$/.test(between)) branchBus.set(at + m[0].length + branch, context);
        continue;
      }
      const before = text.slice(0, at);
      const branchCol = Math.max(before.lastIndexOf('+-'), before.lastIndexOf('\\-'));
      const owner = before.endsWith('-') && !/[+\\]-$/.test(before) ? context : branchBus.get(branchCol) ?? context;
      if (owner === undefined) continue;
      entries.push({ line: i + 1, domain: owner.domain, bus: owner.bus, device: Number.parseInt(m[4] ?? '0', 16), fn: Number(m[5]), secondary: undefined, subordinate: undefined });
      lastDevice = { index: entries.length - 1, end: at + m[0].length };
    }
  });
  return entries;
}

export interface TreeDisagreement {
  readonly line: number;
  readonly message: string;
}

/** Fills bus ranges that -vvv lacked from the tree, and lists where the two disagree. */
export function applyTree(functions: readonly PciFunction[], tree: readonly TreeEntry[]): { functions: PciFunction[]; disagreements: TreeDisagreement[] } {
  const disagreements: TreeDisagreement[] = [];
  const out = [...functions];
  for (const entry of tree) {
    const name = formatAddress(entry);
    const index = out.findIndex((f) => formatAddress(f.address) === name);
    const f = out[index];
    if (f === undefined) {
      disagreements.push({ line: entry.line, message: `line ${entry.line}: lspci -tv lists ${name}, which the lspci -vvv text does not` });
      continue;
    }
    if (entry.secondary === undefined) continue;
    if (f.busRange === undefined) {
      out[index] = { ...f, busRange: { primary: entry.bus, secondary: entry.secondary, subordinate: entry.subordinate ?? entry.secondary } };
    } else if (f.busRange.secondary !== entry.secondary || (entry.subordinate !== undefined && f.busRange.subordinate !== entry.subordinate)) {
      disagreements.push({ line: entry.line, message: `line ${entry.line}: lspci -tv puts buses ${entry.secondary.toString(16)}-${(entry.subordinate ?? entry.secondary).toString(16)} below ${name}, lspci -vvv says secondary=${f.busRange.secondary.toString(16)}, subordinate=${f.busRange.subordinate.toString(16)}` });
    }
  }
  return { functions: out, disagreements };
}
