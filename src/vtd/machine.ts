import { hpa, type Hpa } from '../hex.ts';
import { decodeCap, decodeEcap, type Cap, type Ecap } from './registers.ts';
import { PhysicalMemory } from './memory.ts';
import { contextEntryReservedMask } from './context-entry.ts';
import { rootEntryReservedMask } from './root-entry.ts';
import { slpteReservedMask } from './slpte.ts';

/** The registers of one remapping unit that DMA remapping reads. */
export interface UnitRegisters {
  /** Host address width in bits (the DMAR table's HAW field + 1). */
  readonly haw: number;
  readonly cap: bigint;
  readonly ecap: bigint;
  /** RTADDR: root table address 63:12, TTM 11:10. */
  readonly rtaddr: bigint;
  /** GSTS.TES (bit 31): translation enabled. */
  readonly translationEnabled: boolean;
}

/** Two 32-bit halves of a 64-bit mask, for the walker's number arithmetic. */
export interface WordMask {
  readonly lo: number;
  readonly hi: number;
}

/**
 * One remapping unit and the physical memory its tables live in. Registers are fixed for the
 * machine's life (make a new machine to change one, sharing the memory); what is derived from
 * them is computed once here, not on every translation.
 */
export interface Machine extends UnitRegisters {
  readonly memory: PhysicalMemory;
  readonly capFields: Cap;
  readonly ecapFields: Ecap;
  /** RTADDR.RTA masked to the host address width, as QEMU latches it (VTD_RTADDR_ADDR_MASK). */
  readonly rootTable: Hpa;
  /** The same, as a number (below 2^52) for the walker. */
  readonly rootTableNumber: number;
  /** RTADDR.TTM: 0 legacy, 1 scalable. Only legacy mode is modelled. */
  readonly ttm: number;
  readonly masks: {
    /** Reserved bits of a root / context entry as four 32-bit words, lowest first. */
    readonly root: Int32Array;
    readonly context: Int32Array;
    /** Reserved bits of an SLPTE, low and high words, at index level·2 + (leaf ? 1 : 0). */
    readonly slpteLo: Int32Array;
    readonly slpteHi: Int32Array;
  };
}

export const MIN_HAW = 12;
export const MAX_HAW = 52;

export function wordMask(mask: bigint): WordMask {
  return { lo: Number(mask & 0xffff_ffffn), hi: Number((mask >> 32n) & 0xffff_ffffn) };
}

function words128(lo: bigint, hi: bigint): Int32Array {
  const [a, b] = [wordMask(lo), wordMask(hi)];
  return Int32Array.of(a.lo, a.hi, b.lo, b.hi);
}

/** Builds a machine from its registers; the memory is new unless one is given to share. */
export function createMachine(registers: UnitRegisters, memory: PhysicalMemory = new PhysicalMemory()): Machine {
  const { haw } = registers;
  const capFields = decodeCap(registers.cap);
  const ecapFields = decodeEcap(registers.ecap);
  const [rootLo, rootHi] = rootEntryReservedMask(haw);
  const [ctxLo, ctxHi] = contextEntryReservedMask(haw);
  const slpteLo = new Int32Array(12);
  const slpteHi = new Int32Array(12);
  for (let level = 1; level <= 5; level++) {
    for (const leaf of [false, true]) {
      const mask = wordMask(slpteReservedMask({ level, leaf, haw, snoopControl: ecapFields.sc }));
      slpteLo[level * 2 + (leaf ? 1 : 0)] = mask.lo;
      slpteHi[level * 2 + (leaf ? 1 : 0)] = mask.hi;
    }
  }
  const rootTable = hpa(registers.rtaddr & ~0xfffn & ((1n << BigInt(haw)) - 1n));
  return {
    ...registers,
    memory,
    capFields,
    ecapFields,
    rootTable,
    rootTableNumber: Number(rootTable),
    ttm: Number((registers.rtaddr >> 10n) & 3n),
    masks: { root: words128(rootLo, rootHi), context: words128(ctxLo, ctxHi), slpteLo, slpteHi },
  };
}

