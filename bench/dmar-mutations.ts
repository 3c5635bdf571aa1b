import { readdirSync, readFileSync } from 'node:fs';

/**
 * Seeded mutations of real DMAR tables for fuzzing the parser (issue 5): bit flips, truncation,
 * lying Length fields (header, structure, device scope), spliced structures from other tables,
 * and the same damage carried into the text forms (acpidump hex, iasl -d listing) or done to them.
 */

/** mulberry32: a small seeded PRNG, so a run is replayable from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Corpus {
  readonly tables: readonly Uint8Array[];
  readonly texts: readonly string[];
}

const FIXTURES = new URL('../src/acpi/dmar/fixtures/', import.meta.url);

export function loadCorpus(): Corpus {
  const files = readdirSync(FIXTURES);
  return {
    tables: files.filter((f) => f.endsWith('.bin')).map((f) => new Uint8Array(readFileSync(new URL(f, FIXTURES)))),
    texts: files.filter((f) => f.endsWith('.dsl') || f.endsWith('.txt')).map((f) => readFileSync(new URL(f, FIXTURES), 'latin1')),
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, n: number): number => Math.floor(random() * n);

/** Structure start offsets, found by following Length fields from 48 (stops at nonsense). */
function structureOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 48; at + 4 <= bytes.length && out.length < 256; ) {
    const length = (bytes[at + 2] ?? 0) | ((bytes[at + 3] ?? 0) << 8);
    if (length < 4) break;
    out.push(at);
    at += length;
  }
  return out;
}

const LYING_LENGTHS = [0, 1, 3, 4, 5, 6, 7, 8, 0x10, 0x7f, 0xff, 0x100, 0x7fff, 0xffff];

function mutateBytes(random: Random, corpus: Corpus, input: Uint8Array): Uint8Array {
  const bytes = input.slice();
  const structures = structureOffsets(bytes);
  switch (int(random, 7)) {
    case 0: // bit flips
      for (let i = 1 + int(random, 8); i > 0 && bytes.length > 0; i--) {
        const at = int(random, bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << int(random, 8));
      }
      return bytes;
    case 1: // truncation
      return bytes.slice(0, int(random, bytes.length + 1));
    case 2: { // header Length lies
      const length = pick(random, [0, 36, 47, 48, bytes.length - 1, bytes.length + 1, 0xffffffff, int(random, 0x10000)]);
      if (bytes.length >= 8) bytes.set([length & 0xff, (length >>> 8) & 0xff, (length >>> 16) & 0xff, length >>> 24], 4);
      return bytes;
    }
    case 3: { // a structure Length lies
      const at = structures.length > 0 ? pick(random, structures) : 48;
      const length = pick(random, LYING_LENGTHS);
      if (at + 3 < bytes.length) bytes.set([length & 0xff, length >> 8], at + 2);
      return bytes;
    }
    case 4: { // a device scope Length lies (scopes sit after the fixed part: try 8, 16, 24)
      const at = (structures.length > 0 ? pick(random, structures) : 48) + pick(random, [8, 16, 24]);
      if (at + 1 < bytes.length) bytes[at + 1] = pick(random, LYING_LENGTHS) & 0xff;
      return bytes;
    }
    case 5: { // splice a structure from another table in at a structure boundary
      const donor = pick(random, corpus.tables);
      const from = structureOffsets(donor);
      if (from.length === 0) return bytes;
      const start = pick(random, from);
      const length = (donor[start + 2] ?? 0) | ((donor[start + 3] ?? 0) << 8);
      const piece = donor.subarray(start, start + length);
      const at = structures.length > 0 ? pick(random, structures) : bytes.length;
      const out = new Uint8Array(bytes.length + piece.length);
      out.set(bytes.subarray(0, at));
      out.set(piece, at);
      out.set(bytes.subarray(at), at + piece.length);
      if (random() < 0.5 && out.length >= 8) {
        const total = out.length;
        out.set([total & 0xff, (total >> 8) & 0xff, (total >> 16) & 0xff, total >>> 24], 4);
      }
      return out;
    }
    default: { // random bytes over a random range
      const at = int(random, bytes.length + 1);
      for (let i = at; i < Math.min(bytes.length, at + 1 + int(random, 16)); i++) bytes[i] = int(random, 256);
      return bytes;
    }
  }
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0').toUpperCase();

/** The bytes as acpidump prints them (4-space indent, 16 a line, ASCII column). */
export function toAcpidump(bytes: Uint8Array): string {
  const lines = ['DMAR @ 0x0000000000000000'];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = Array.from(bytes.subarray(at, at + 16));
    const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`    ${at.toString(16).padStart(4, '0').toUpperCase()}: ${row.map(hex2).join(' ').padEnd(47)}  ${ascii}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The bytes as the "Raw Table Data" of an iasl listing. */
export function toIaslRaw(bytes: Uint8Array): string {
  const dump = toAcpidump(bytes).split('\n').slice(1).map((l) => l.replace(/^( {4}[0-9A-F]{4}: .{47}) {2}/, '$1  // ')).join('\n');
  return `[000h 0000   4]                    Signature : "DMAR"    [DMA Remapping table]\n\nRaw Table Data: Length ${bytes.length} (0x${bytes.length.toString(16).toUpperCase()})\n\n${dump}`;
}

function mutateText(random: Random, text: string): string {
  const lines = text.split('\n');
  switch (int(random, 5)) {
    case 0: { // delete lines
      const at = int(random, lines.length);
      lines.splice(at, 1 + int(random, 4));
      return lines.join('\n');
    }
    case 1: { // duplicate or move a line
      const at = int(random, lines.length);
      lines.splice(int(random, lines.length), 0, lines[at] ?? '');
      return lines.join('\n');
    }
    case 2: // truncate
      return text.slice(0, int(random, text.length + 1));
    case 3: { // change characters
      const chars = text.split('');
      for (let i = 1 + int(random, 8); i > 0 && chars.length > 0; i--) chars[int(random, chars.length)] = pick(random, ['0', 'F', ' ', ':', '"', '[', ']', 'h', ',', 'x', '\n', 'Z', '9']);
      return chars.join('');
    }
    default: { // a very long line of field-like text
      lines.splice(int(random, lines.length), 0, `[000h 0000   4]${' '.repeat(int(random, 4000))}Name : ${'0'.repeat(int(random, 4000))}`);
      return lines.join('\n');
    }
  }
}

export type FuzzFormat = 'binary' | 'acpidump' | 'iasl' | 'text';

/** One mutated input: mutated binary, mutated binary as text, or a mutated real text file. */
export function mutatedInput(random: Random, corpus: Corpus): { format: FuzzFormat; bytes: Uint8Array } {
  const encoder = new TextEncoder();
  const form = int(random, 4);
  if (form === 3) return { format: 'text', bytes: encoder.encode(mutateText(random, pick(random, corpus.texts))) };
  let bytes = mutateBytes(random, corpus, pick(random, corpus.tables));
  if (random() < 0.3) bytes = mutateBytes(random, corpus, bytes);
  if (form === 0) return { format: 'binary', bytes };
  const text = form === 1 ? toAcpidump(bytes) : toIaslRaw(bytes);
  return { format: form === 1 ? 'acpidump' : 'iasl', bytes: encoder.encode(random() < 0.3 ? mutateText(random, text) : text) };
}
