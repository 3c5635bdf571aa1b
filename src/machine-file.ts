import { parseHex, toHex } from './hex.ts';
import { createMachine, MAX_HAW, MIN_HAW, type Machine } from './vtd/machine.ts';
import { PhysicalMemory } from './vtd/memory.ts';

/**
 * The machine file: one remapping unit's registers and the non-zero memory its tables live in.
 * `{"format":"iommu-lab/machine","version":1,"haw":N,"cap":"0x…","ecap":"0x…","rtaddr":"0x…",
 * "translationEnabled":bool,"memory":[{"address":"0x…","qwords":["0x…",…]}]}`; each memory block
 * is little-endian qwords from `address`, all other memory zero.
 */
export interface MachineFile {
  readonly format: 'iommu-lab/machine';
  readonly version: 1;
  readonly haw: number;
  readonly cap: string;
  readonly ecap: string;
  readonly rtaddr: string;
  readonly translationEnabled: boolean;
  readonly memory: readonly { readonly address: string; readonly qwords: readonly string[] }[];
}

export type LoadResult = { readonly ok: true; readonly machine: Machine } | { readonly ok: false; readonly error: string };

const FORMAT = 'iommu-lab/machine';

/**
 * Validates a parsed machine file and builds the machine. A bad file returns `ok: false` with the
 * path of the first bad field and what was expected (`memory[3].qwords[7]: not a hex string`).
 */
export function loadMachine(value: unknown): LoadResult {
  const fail = (path: string, what: string): LoadResult => ({ ok: false, error: `${path}: ${what}` });
  if (!isRecord(value)) return fail('(top level)', 'expected a JSON object');
  if (value.format !== FORMAT) return fail('format', `expected "${FORMAT}"`);
  if (value.version !== 1) return fail('version', 'expected 1 (the only version this build reads)');
  const haw = value.haw;
  if (typeof haw !== 'number' || !Number.isInteger(haw) || haw < MIN_HAW || haw > MAX_HAW) {
    return fail('haw', `expected a whole number of bits from ${MIN_HAW} to ${MAX_HAW}`);
  }
  const registers: Record<'cap' | 'ecap' | 'rtaddr', bigint> = { cap: 0n, ecap: 0n, rtaddr: 0n };
  for (const name of ['cap', 'ecap', 'rtaddr'] as const) {
    const field = value[name];
    if (typeof field !== 'string') return fail(name, 'expected a hex string such as "0x0"');
    const parsed = parseHex(field);
    if (!parsed.ok) return fail(name, parsed.error);
    registers[name] = parsed.value;
  }
  if (typeof value.translationEnabled !== 'boolean') return fail('translationEnabled', 'expected true or false');
  if (!Array.isArray(value.memory)) return fail('memory', 'expected an array of {"address", "qwords"} blocks');
  const memory = new PhysicalMemory();
  for (const [b, block] of value.memory.entries()) {
    const at = `memory[${b}]`;
    if (!isRecord(block)) return fail(at, 'expected an object with "address" and "qwords"');
    if (typeof block.address !== 'string') return fail(`${at}.address`, 'expected a hex string');
    const address = parseHex(block.address);
    if (!address.ok) return fail(`${at}.address`, address.error);
    if ((address.value & 7n) !== 0n) return fail(`${at}.address`, `${block.address} is not 8-byte aligned`);
    if (!Array.isArray(block.qwords)) return fail(`${at}.qwords`, 'expected an array of hex strings');
    if (address.value + BigInt(block.qwords.length) * 8n > 1n << 64n) return fail(`${at}.qwords`, 'the block runs past the top of the 64-bit address space');
    for (const [q, text] of block.qwords.entries()) {
      if (typeof text !== 'string') return fail(`${at}.qwords[${q}]`, 'not a hex string');
      const qword = parseHex(text);
      if (!qword.ok) return fail(`${at}.qwords[${q}]`, qword.tooLarge ? 'does not fit in 64 bits' : 'not a hex string');
      if (qword.value !== 0n) memory.writeQword(address.value + BigInt(q) * 8n, qword.value);
    }
  }
  return {
    ok: true,
    machine: createMachine({ haw, ...registers, translationEnabled: value.translationEnabled }, memory),
  };
}

/** Parses and validates machine-file text; bad JSON is reported with the parser's message. */
export function loadMachineText(text: string): LoadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return loadMachine(value);
}

/** The machine as a file: one block per written page, trimmed of leading and trailing zero qwords. */
export function saveMachine(machine: Machine): MachineFile {
  const blocks: { address: string; qwords: string[] }[] = [];
  for (const pfn of machine.memory.pageFrames()) {
    const base = BigInt(pfn) << 12n;
    const qwords: bigint[] = [];
    for (let i = 0; i < 512; i++) qwords.push(machine.memory.readQword(base + BigInt(i) * 8n));
    const first = qwords.findIndex((q) => q !== 0n);
    if (first < 0) continue;
    let last = qwords.length - 1;
    while (qwords[last] === 0n) last--;
    blocks.push({ address: toHex(base + BigInt(first) * 8n), qwords: qwords.slice(first, last + 1).map((q) => toHex(q, 16)) });
  }
  return {
    format: FORMAT,
    version: 1,
    haw: machine.haw,
    cap: toHex(machine.cap, 16),
    ecap: toHex(machine.ecap, 16),
    rtaddr: toHex(machine.rtaddr, 16),
    translationEnabled: machine.translationEnabled,
    memory: blocks,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
