import { hpa, iova as asIova, type Hpa, type Iova } from '../hex.ts';
import { sourceId, type SourceId } from '../pci/source-id.ts';
import type { TranslationType } from '../vtd/context-entry.ts';
import { createFrameAllocator, type FrameAllocator } from '../vtd/frame-allocator.ts';
import { createMachine, type Machine } from '../vtd/machine.ts';
import { PhysicalMemory } from '../vtd/memory.ts';
import { createDomain, map, type Domain, type Permission } from '../vtd/page-table.ts';
import { decodeCap, encodeCap, encodeEcap } from '../vtd/registers.ts';
import { setContextEntry } from '../vtd/root-table.ts';
import type { Prng } from './prng.ts';

/** Hardware an exercise machine models: widths and capabilities as CAP/ECAP report them. */
export interface ExerciseHardware {
  readonly haw: number;
  readonly sagaw: number;
  readonly mgaw: number;
  /** CAP.SLLPS: bit 0 2 MiB, bit 1 1 GiB. */
  readonly sllps: number;
  /** ECAP.PT. */
  readonly passThrough: boolean;
  readonly translationEnabled: boolean;
}

/**
 * An exercise machine under construction: the real engine's memory, frame allocator, domains
 * and context-entry programming (Linux domain_context_mapping_one through setContextEntry), so
 * that translate() walks exactly what a kernel would have left.
 */
export interface MachineBuilder {
  readonly machine: Machine;
  readonly memory: PhysicalMemory;
  readonly allocator: FrameAllocator;
  domain(options: { did: number; aw: number; superpages: boolean }): Domain;
  /** Maps a range; the generator only asks for ranges that fit, so a failure is a bug. */
  map(domain: Domain, range: { iova: bigint; hpa: bigint; size: bigint; perm?: Permission }): void;
  attach(device: SourceId, fields: { tt: TranslationType; slptptr: Hpa; aw: number; did: number }): void;
}

export function createMachineBuilder(prng: Prng, hardware: ExerciseHardware): MachineBuilder {
  const memory = new PhysicalMemory();
  // The page-table frames come from a 16 MiB region somewhere in the low 4 GiB.
  const base = BigInt(prng.int(0x10, 0xef)) << 24n;
  const allocator = createFrameAllocator(memory, { base: hpa(base), limit: hpa(base + (16n << 20n)) });
  const rootTable = allocator.alloc();
  if (rootTable === undefined) throw new Error('no frame for the root table');
  // Skip a few frames, so that table addresses are not simply consecutive.
  for (let i = prng.int(0, 5); i > 0; i--) allocator.alloc();
  const cap = encodeCap({ nd: 6, sagaw: hardware.sagaw, mgaw: hardware.mgaw, sllps: hardware.sllps, fro: 0x22, nfr: 0 });
  const ecap = encodeEcap({ c: false, qi: true, ir: true, pt: hardware.passThrough, iro: 0x10 });
  const machine = createMachine({ haw: hardware.haw, cap, ecap, rtaddr: rootTable, translationEnabled: hardware.translationEnabled }, memory);
  const capFields = decodeCap(cap);
  return {
    machine,
    memory,
    allocator,
    domain({ did, aw, superpages }) {
      const domain = createDomain(memory, allocator, { did, aw, cap: capFields, superpages });
      if (domain === undefined) throw new Error('no frame for a domain');
      return domain;
    },
    map(domain, range) {
      const result = map(domain, { iova: asIova(range.iova), hpa: hpa(range.hpa), size: range.size, perm: range.perm ?? { r: true, w: true } });
      if (!result.ok) throw new Error(`exercise mapping: ${result.error}`);
    },
    attach(device, fields) {
      if (!setContextEntry(memory, allocator, { rootTable: machine.rootTable, sourceId: device }, fields)) throw new Error('no frame for a context table');
    },
  };
}

/** A random device address: bus, device and function. */
export function randomSourceId(prng: Prng, options: { bus?: number } = {}): SourceId {
  return sourceId(options.bus ?? prng.int(0, 6), prng.int(0, 0x1f), prng.chance(0.7) ? 0 : prng.int(1, 7));
}

/** An IOVA made of random table indices below `width` bits, the level-1 index and offset given. */
export function randomIova(prng: Prng, width: number, pageShift = 12): Iova {
  let value = 0n;
  for (let shift = pageShift; shift < width; shift += 9) {
    const bits = Math.min(9, width - shift);
    value |= BigInt(prng.int(0, (1 << bits) - 1)) << BigInt(shift);
  }
  return asIova(value);
}

/** A random frame of `size` bytes (aligned to it) in [4 GiB, 2^haw), for page frames a mapping points at. */
export function randomFrame(prng: Prng, haw: number, size: bigint): Hpa {
  const low = 1n << 32n;
  const slots = Number(((1n << BigInt(haw)) - low) / size) - 1;
  return hpa(low + BigInt(prng.int(0, Math.min(slots, 0x7fff_ffff))) * size);
}

/** Whether [start, start + size) touches the interrupt window 0xFEE00000–0xFEEFFFFF. */
export const touchesInterruptWindow = (start: bigint, size: bigint): boolean => start < 0xfef0_0000n && start + size > 0xfee0_0000n;
