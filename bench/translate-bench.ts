import { hpa, iova, type Iova } from '../src/hex.ts';
import { sourceId } from '../src/pci/source-id.ts';
import { createFrameAllocator } from '../src/vtd/frame-allocator.ts';
import { createMachine, type Machine } from '../src/vtd/machine.ts';
import { PhysicalMemory, TWO_32 } from '../src/vtd/memory.ts';
import { createDomain, map } from '../src/vtd/page-table.ts';
import { encodeCap } from '../src/vtd/registers.ts';
import { setContextEntry } from '../src/vtd/root-table.ts';
import { translate, type TranslationRequest } from '../src/vtd/translate.ts';

const DEVICE = sourceId(3, 0, 0);
const CHUNK_PAGES = 4096;

/** A seeded xorshift, so every run walks the same addresses in the same order. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / TWO_32;
  };
}

export interface WalkSetup {
  readonly machine: Machine;
  readonly pgd: number;
  readonly iovas: readonly Iova[];
  /** The same IOVAs as the engine's requests, built before timing. */
  readonly requests: readonly TranslationRequest[];
}

/**
 * A 4-level domain (AW=2) with 4 KiB pages only, `pages` distinct pages in 16 MiB chunks scattered
 * over the 48-bit space, and the mapped IOVAs in a shuffled order.
 */
export function buildWalkSetup(pages: number, seed = 1): WalkSetup {
  const next = random(seed);
  const memory = new PhysicalMemory();
  const allocator = createFrameAllocator(memory, { base: hpa(0x1000_0000n), limit: hpa(0x2000_0000n) });
  const rootTable = allocator.alloc() ?? hpa(0n);
  const cap = encodeCap({ sagaw: 0b00100, mgaw: 48 });
  const machine = createMachine({ haw: 46, cap, ecap: 0n, rtaddr: rootTable, translationEnabled: true }, memory);
  const domain = createDomain(memory, allocator, { did: 2, aw: 2, cap: machine.capFields });
  if (domain === undefined) throw new Error('no frame for the domain');
  setContextEntry(memory, allocator, { rootTable, sourceId: DEVICE }, { tt: 0, slptptr: domain.pgd, aw: 2, did: 2 });
  const iovas: Iova[] = [];
  const used = new Set<number>();
  for (let chunk = 0; chunk < pages / CHUNK_PAGES; chunk++) {
    let slot: number;
    do slot = Math.floor(next() * 2 ** 24); // 16 MiB slots of the 48-bit space
    while (used.has(slot));
    used.add(slot);
    const base = BigInt(slot) << 24n;
    const result = map(domain, { iova: iova(base), hpa: hpa(0x1_0000_0000n + BigInt(chunk) * 0x100_0000n), size: BigInt(CHUNK_PAGES) * 4096n, perm: { r: true, w: true } });
    if (!result.ok) throw new Error(result.error);
    for (let p = 0; p < CHUNK_PAGES; p++) iovas.push(iova(base + BigInt(p) * 4096n + BigInt(p % 4096)));
  }
  for (let i = iovas.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const a = iovas[i];
    const b = iovas[j];
    if (a === undefined || b === undefined) continue;
    iovas[i] = b;
    iovas[j] = a;
  }
  const requests = iovas.map((address): TranslationRequest => ({ sourceId: DEVICE, iova: address, access: 'read' }));
  return { machine, pgd: Number(domain.pgd), iovas, requests };
}

/** The engine's own translate over every IOVA; returns how many translated, so the work is kept. */
export function engineWalk(setup: WalkSetup): number {
  let translated = 0;
  for (const request of setup.requests) if (translate(setup.machine, request).kind === 'ok') translated++;
  return translated;
}

/** The HPAs the engine gives, to check against the baseline's (not timed). */
export function engineHpas(setup: WalkSetup): number[] {
  return setup.iovas.map((address) => {
    const t = translate(setup.machine, { sourceId: DEVICE, iova: address, access: 'read' });
    return t.kind === 'ok' ? Number(t.hpa) : -1;
  });
}

/**
 * The baseline: a bare walk of the same four levels over the same typed-array pages — index, read
 * two words, follow the address — with no checks, no trace and no result object. It takes the
 * same bigint IOVAs as the engine (a 48-bit IOVA is exact as a double).
 */
export function bareWalk(setup: WalkSetup, hpas?: number[]): number {
  const memory = setup.machine.memory;
  let sum = 0;
  for (const address of setup.iovas) {
    const n = Number(address);
    const lo32 = n % TWO_32;
    const hi32 = Math.floor(n / TWO_32);
    let table = setup.pgd;
    let entryLo = 0;
    let entryHi = 0;
    for (let level = 4; level >= 1; level--) {
      const shift = 3 + 9 * level;
      const index = (shift >= 32 ? hi32 >>> (shift - 32) : (lo32 >>> shift) | (shift > 23 ? hi32 << (32 - shift) : 0)) & 0x1ff;
      const page = memory.page(Math.floor(table / 4096));
      if (page === undefined) break;
      const word = ((table % 4096) >>> 2) + index * 2;
      entryLo = page[word] ?? 0;
      entryHi = page[word + 1] ?? 0;
      table = (entryHi & 0xf_ffff) * TWO_32 + ((entryLo & 0xffff_f000) >>> 0);
    }
    sum = (sum + ((table + (lo32 & 0xfff)) & 0xffff)) | 0;
    hpas?.push(table + (lo32 & 0xfff));
  }
  return sum;
}
