import { hpa, type Hpa, type Iova } from '../hex.ts';
import { busOf, devfnOf, type SourceId } from '../pci/source-id.ts';
import { setBits } from '../bits.ts';
import { FAULT_REASONS, type FaultReason } from './fault-reason.ts';
import type { Machine } from './machine.ts';
import { PAGE_SIZE, TWO_32 } from './memory.ts';
import { agawWidth, sagawSupports, sllpsAllows } from './registers.ts';
import { LEVEL_ENTRY_NAME, type Level } from './slpte.ts';
import { TraceRecord, type Step } from './trace.ts';

export type Access = 'read' | 'write';

export interface TranslationRequest {
  readonly sourceId: SourceId;
  readonly iova: Iova;
  readonly access: Access;
}

export interface Fault {
  readonly reason: FaultReason;
  /** Index into `steps` of the entry that raised it. */
  readonly stepIndex: number;
  /** What in that entry (or the request) caused it, in words. */
  readonly cause: string;
  /** Bit positions of the entry (or, for 4h, of the IOVA) that caused it. */
  readonly bits: readonly number[];
  /** False when the context entry's FPD suppresses recording a qualified fault: the DMA still fails. */
  readonly recorded: boolean;
}

/** How an ok request got its host-physical address. */
export type Route = 'translated' | 'pass-through' | 'translation-disabled';

export type Translation =
  | { readonly kind: 'ok'; readonly route: Route; readonly hpa: Hpa; readonly pageSize: bigint; readonly steps: readonly Step[] }
  | { readonly kind: 'fault'; readonly fault: Fault; readonly steps: readonly Step[] }
  /** A write to 0xFEE00000–0xFEEFFFFF is an interrupt message, never DMA-remapped (VT-d 4.1 §3.14). */
  | { readonly kind: 'interrupt'; readonly steps: readonly [] };

export const INTERRUPT_RANGE = { start: 0xfee0_0000n, end: 0xfeef_ffffn } as const;

const PAGE_MASK = 0xffff_f000;
// Addresses here are integers below 2^53, whose low 32 bits `&` reads exactly (ToInt32 is mod 2^32);
// literal masks and divisors (4096) also spare V8 generic floating-point arithmetic.
const OFFSET_MASK = 0xfff;
const TWO_53 = 2 ** 53;
const INTERRUPT_START = Number(INTERRUPT_RANGE.start);
const INTERRUPT_END = Number(INTERRUPT_RANGE.end);
/** 2^n for n = 0…64, so the hot path never calls Math.pow. */
const POWERS_OF_TWO = Array.from({ length: 65 }, (_, n) => 2 ** n);
/** Page offset mask and page size of a leaf at level 1, 2, 3 (4 KiB, 2 MiB, 1 GiB). */
const LEAF_OFFSET_MASK = [0, 0xfff, 0x1f_ffff, 0x3fff_ffff];
const LEAF_SIZE = [0n, 0x1000n, 0x20_0000n, 0x4000_0000n];
/** What an unwritten page reads as. */
const ZERO_PAGE = new Uint32Array(PAGE_SIZE / 4);

/**
 * Walks one untranslated request through a legacy-mode remapping unit, in the order QEMU's
 * vtd_do_iommu_translate, vtd_dev_to_context_entry and vtd_iova_to_slpte check it
 * (hw/i386/intel_iommu.c): root present (1h), root reserved (Ah), context present (2h), context
 * reserved (Bh), context programming (3h), address width (4h), then at each level the accumulated
 * R/W (6h/5h) before that entry's reserved bits (Ch). A fault is a result, never an exception.
 */
export function translate(machine: Machine, request: TranslationRequest): Translation {
  const { iova, access, sourceId } = request;
  // IOVAs below 2^53 (all but the widest) are exact as doubles, which spares the hot path bigint
  // work; a larger one converts to a double at or above 2^53, so `small` is exact either way.
  const iovaNumber = Number(iova);
  const small = iovaNumber < TWO_53;
  // Requests to the interrupt address range are interrupt messages and never reach DMA
  // remapping, even where the tables map the range (VT-d 4.1 §3.14; QEMU's IR memory region).
  if (small && iovaNumber >= INTERRUPT_START && iovaNumber <= INTERRUPT_END) return { kind: 'interrupt', steps: [] };
  if (!machine.translationEnabled) return { kind: 'ok', route: 'translation-disabled', hpa: hpa(iova), pageSize: 4096n, steps: [] };

  const memory = machine.memory;

  const bus = busOf(sourceId);
  const rootTable = machine.rootTableNumber;
  const rootAddress = rootTable + bus * 16;
  const rootPage = memory.page(Math.floor(rootAddress / 4096)) ?? ZERO_PAGE;
  const ri = (rootAddress & OFFSET_MASK) >>> 2;
  const r0 = rootPage[ri] ?? 0;
  const r1 = rootPage[ri + 1] ?? 0;
  const r2 = rootPage[ri + 2] ?? 0;
  const r3 = rootPage[ri + 3] ?? 0;
  const steps = new TraceRecord(rootTable, bus, r0, r1, r2, r3);
  if ((r0 & 1) === 0) return fault(steps, 0x1, 0, 'Root entry P (bit 0) is 0', [0], true);
  const rootMask = machine.masks.root;
  if (((r0 & (rootMask[0] ?? 0)) | (r1 & (rootMask[1] ?? 0)) | (r2 & (rootMask[2] ?? 0)) | (r3 & (rootMask[3] ?? 0))) !== 0) {
    const rootReserved = reservedBits128(r0, r1, r2, r3, rootMask);
    return fault(steps, 0xa, 0, `Reserved bit${plural(rootReserved)} ${rootReserved.join(', ')} set`, rootReserved, true);
  }

  const contextTable = r1 * TWO_32 + ((r0 & PAGE_MASK) >>> 0);
  const devfn = devfnOf(sourceId);
  const contextAddress = contextTable + devfn * 16;
  const contextPage = memory.page(Math.floor(contextAddress / 4096)) ?? ZERO_PAGE;
  const ci = (contextAddress & OFFSET_MASK) >>> 2;
  const c0 = contextPage[ci] ?? 0;
  const c1 = contextPage[ci + 1] ?? 0;
  const c2 = contextPage[ci + 2] ?? 0;
  const c3 = contextPage[ci + 3] ?? 0;
  steps.context(contextTable, devfn, c0, c1, c2, c3);
  const fpd = (c0 & 2) !== 0;
  if ((c0 & 1) === 0) return fault(steps, 0x2, 1, 'Context entry P (bit 0) is 0', [0], !fpd);
  const contextMask = machine.masks.context;
  if (((c0 & (contextMask[0] ?? 0)) | (c1 & (contextMask[1] ?? 0)) | (c2 & (contextMask[2] ?? 0)) | (c3 & (contextMask[3] ?? 0))) !== 0) {
    const contextReserved = reservedBits128(c0, c1, c2, c3, contextMask);
    return fault(steps, 0xb, 1, `Reserved bit${plural(contextReserved)} ${contextReserved.join(', ')} set`, contextReserved, true);
  }

  const aw = c2 & 7;
  const tt = (c0 >>> 2) & 3;
  if (!sagawSupports(machine.capFields, aw)) {
    return fault(steps, 0x3, 1, `AW=${aw} (${aw >= 4 ? 'a reserved value' : `${agawWidth(aw)}-bit, ${aw + 2} levels`}) is not in CAP.SAGAW (0b${machine.capFields.sagaw.toString(2).padStart(5, '0')})`, [64, 65, 66], !fpd);
  }
  if (tt === 3 || (tt === 1 && !machine.ecapFields.dt) || (tt === 2 && !machine.ecapFields.pt)) {
    const why = tt === 3 ? 'TT=11 is reserved in legacy mode' : tt === 1 ? 'TT=01 needs ECAP.DT (device-TLB), which this unit lacks' : 'TT=10 needs ECAP.PT (pass-through), which this unit lacks';
    return fault(steps, 0x3, 1, why, [2, 3], !fpd);
  }
  // TT=10: the request passes untranslated, with no address-width check (QEMU vtd_do_iommu_translate).
  if (tt === 2) return new OkTranslation('pass-through', hpa(iova), 4096n, steps);

  // The IOVA must be below 2^min(AGAW, MGAW) before any table is read (QEMU vtd_iova_range_check).
  const width = Math.min(agawWidth(aw), machine.capFields.mgaw);
  if (small ? iovaNumber >= (POWERS_OF_TWO[width] ?? Infinity) : width < 64 && iova >> BigInt(width) !== 0n) {
    const high = setBits(iova >> BigInt(width)).map((b) => b + width);
    return fault(steps, 0x4, 1, `IOVA bit${plural(high)} ${high.join(', ')} set, at or above the ${width}-bit limit (AGAW ${agawWidth(aw)}, MGAW ${machine.capFields.mgaw})`, high, !fpd);
  }
  const iovaHi = small ? Math.floor(iovaNumber / TWO_32) : Number(iova >> 32n);
  const iovaLo = small ? iovaNumber - iovaHi * TWO_32 : Number(iova & 0xffff_ffffn);
  const needWrite = access === 'write';
  const { slpteLo, slpteHi } = machine.masks;
  let table = c1 * TWO_32 + ((c0 & PAGE_MASK) >>> 0);
  let r = true;
  let w = true;
  // The walk (QEMU vtd_iova_to_slpte), inline here: this is the benchmarked hot path.
  for (let level = aw + 2; level >= 1; level--) {
    const shift = 3 + 9 * level; // 12 + 9(level − 1)
    const index = (shift >= 32 ? iovaHi >>> (shift - 32) : (iovaLo >>> shift) | (shift > 23 ? iovaHi << (32 - shift) : 0)) & 0x1ff;
    const page = memory.page(Math.floor(table / 4096)) ?? ZERO_PAGE;
    const word = ((table & OFFSET_MASK) >>> 2) + index * 2;
    const lo = page[word] ?? 0;
    const hi = page[word + 1] ?? 0;
    r &&= (lo & 1) !== 0;
    w &&= (lo & 2) !== 0;
    const leaf = level === 1 || (level <= 3 && (lo & 0x80) !== 0);
    steps.slpte(table, index, lo, hi);
    if (needWrite ? !w : !r) return permissionFault(steps, level as Level, lo, access, fpd);
    const maskAt = level * 2 + (leaf ? 1 : 0);
    const maskLo = slpteLo[maskAt] ?? 0;
    const maskHi = slpteHi[maskAt] ?? 0;
    if ((lo & maskLo) !== 0 || (hi & maskHi) !== 0) {
      const set = setBits((BigInt((hi & maskHi) >>> 0) << 32n) | BigInt((lo & maskLo) >>> 0));
      return fault(steps, 0xc, steps.count - 1, `${LEVEL_ENTRY_NAME[level as Level]} reserved bit${plural(set)} ${set.join(', ')} set`, set, !fpd);
    }
    if (leaf && level > 1 && !sllpsAllows(machine.capFields, level)) {
      return fault(steps, 0xc, steps.count - 1, `${LEVEL_ENTRY_NAME[level as Level]} PS (bit 7) is set but CAP.SLLPS lacks ${level === 2 ? '2 MiB' : '1 GiB'} pages`, [7], !fpd);
    }
    const next = (hi & 0xf_ffff) * TWO_32 + ((lo & PAGE_MASK) >>> 0);
    if (leaf) {
      // A leaf maps at most 1 GiB, so the page offset lies in the IOVA's low word.
      const offset = (iovaLo & (LEAF_OFFSET_MASK[level] ?? 0)) >>> 0;
      return new OkTranslation('translated', hpa(BigInt(next + offset)), LEAF_SIZE[level] ?? 0n, steps);
    }
    table = next;
  }
  throw new Error('unreachable: level 1 is always a leaf');
}

function permissionFault(steps: TraceRecord, level: Level, lo: number, access: Access, fpd: boolean): Translation {
  const needWrite = access === 'write';
  const name = LEVEL_ENTRY_NAME[level];
  const own = needWrite ? (lo & 2) === 0 : (lo & 1) === 0;
  const what = own ? `${name} ${needWrite ? 'W (bit 1)' : 'R (bit 0)'} is 0${(lo & 3) === 0 ? ': the entry is not present' : ''}` : `an entry above denies the ${access}`;
  return fault(steps, needWrite ? 0x5 : 0x6, steps.count - 1, what, [needWrite ? 1 : 0], !fpd);
}

function fault(steps: TraceRecord, reason: FaultReason, stepIndex: number, cause: string, bits: readonly number[], recordable: boolean): Translation {
  // Only qualified faults are suppressed by FPD (QEMU vtd_qualified_faults).
  const recorded = recordable || !FAULT_REASONS[reason].qualified;
  return new FaultTranslation({ reason, stepIndex, cause, bits, recorded }, steps);
}

/** The set reserved bits of a 128-bit entry, given its words and the mask's, lowest first. */
function reservedBits128(w0: number, w1: number, w2: number, w3: number, mask: Int32Array): number[] {
  const word = (w: number, i: number): bigint => BigInt((w & (mask[i] ?? 0)) >>> 0) << BigInt(32 * i);
  return setBits(word(w0, 0) | word(w1, 1) | word(w2, 2) | word(w3, 3));
}

// Results are small classes whose `steps` come from the walk's TraceRecord on first use.
class OkTranslation {
  readonly kind = 'ok';
  constructor(readonly route: Route, readonly hpa: Hpa, readonly pageSize: bigint, private readonly record: TraceRecord) {}
  get steps(): readonly Step[] {
    return this.record.steps;
  }
}

class FaultTranslation {
  readonly kind = 'fault';
  constructor(readonly fault: Fault, private readonly record: TraceRecord) {}
  get steps(): readonly Step[] {
    return this.record.steps;
  }
}

const plural = (list: readonly unknown[]): string => (list.length === 1 ? '' : 's');
