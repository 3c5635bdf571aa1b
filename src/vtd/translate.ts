import { hpa, type Hpa, type Iova } from '../hex.ts';
import { busOf, devfnOf, type SourceId } from '../pci/source-id.ts';
import { setBits } from '../bits.ts';
import { FAULT_REASONS, type FaultReason } from './fault-reason.ts';
import type { Machine, WordMask } from './machine.ts';
import { TWO_32 } from './memory.ts';
import { agawWidth, sagawSupports, sllpsAllows } from './registers.ts';
import { LEVEL_ENTRY_NAME, type Level } from './slpte.ts';
import { ContextStepImpl, RootStepImpl, SlptStepImpl, type Step } from './trace.ts';

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

/**
 * Walks one untranslated request through a legacy-mode remapping unit, in the order QEMU's
 * vtd_do_iommu_translate, vtd_dev_to_context_entry and vtd_iova_to_slpte check it
 * (hw/i386/intel_iommu.c): root present (1h), root reserved (Ah), context present (2h), context
 * reserved (Bh), context programming (3h), address width (4h), then at each level the accumulated
 * R/W (6h/5h) before that entry's reserved bits (Ch). A fault is a result, never an exception.
 */
export function translate(machine: Machine, request: TranslationRequest): Translation {
  const { iova, access, sourceId } = request;
  // Requests to the interrupt address range are interrupt messages and never reach DMA
  // remapping, even where the tables map the range (VT-d 4.1 §3.14; QEMU's IR memory region).
  if (iova >= INTERRUPT_RANGE.start && iova <= INTERRUPT_RANGE.end) return { kind: 'interrupt', steps: [] };
  if (!machine.translationEnabled) return { kind: 'ok', route: 'translation-disabled', hpa: hpa(iova), pageSize: 4096n, steps: [] };

  const memory = machine.memory;
  const steps: Step[] = [];

  const bus = busOf(sourceId);
  const rootTable = Number(machine.rootTable);
  const rootAddress = rootTable + bus * 16;
  const root = [memory.readLo(rootAddress), memory.readHi(rootAddress), memory.readLo(rootAddress + 8), memory.readHi(rootAddress + 8)] as const;
  steps.push(new RootStepImpl(rootTable, bus, root));
  if ((root[0] & 1) === 0) return fault(steps, 0x1, 0, 'Root entry P (bit 0) is 0', [0], true);
  const rootReserved = reservedBits128(root, machine.masks.root);
  if (rootReserved.length > 0) return fault(steps, 0xa, 0, `Reserved bit${plural(rootReserved)} ${rootReserved.join(', ')} set`, rootReserved, true);

  const contextTable = root[1] * TWO_32 + ((root[0] & PAGE_MASK) >>> 0);
  const devfn = devfnOf(sourceId);
  const contextAddress = contextTable + devfn * 16;
  const context = [memory.readLo(contextAddress), memory.readHi(contextAddress), memory.readLo(contextAddress + 8), memory.readHi(contextAddress + 8)] as const;
  steps.push(new ContextStepImpl(contextTable, devfn, context));
  const fpd = (context[0] & 2) !== 0;
  if ((context[0] & 1) === 0) return fault(steps, 0x2, 1, 'Context entry P (bit 0) is 0', [0], !fpd);
  const contextReserved = reservedBits128(context, machine.masks.context);
  if (contextReserved.length > 0) return fault(steps, 0xb, 1, `Reserved bit${plural(contextReserved)} ${contextReserved.join(', ')} set`, contextReserved, true);

  const aw = context[2] & 7;
  const tt = (context[0] >>> 2) & 3;
  if (!sagawSupports(machine.capFields, aw)) {
    return fault(steps, 0x3, 1, `AW=${aw} (${agawWidth(aw)}-bit) is not in CAP.SAGAW (0b${machine.capFields.sagaw.toString(2).padStart(5, '0')})`, [64, 65, 66], !fpd);
  }
  if (tt === 3 || (tt === 1 && !machine.ecapFields.dt) || (tt === 2 && !machine.ecapFields.pt)) {
    const why = tt === 3 ? 'TT=11 is reserved in legacy mode' : tt === 1 ? 'TT=01 needs ECAP.DT (device-TLB), which this unit lacks' : 'TT=10 needs ECAP.PT (pass-through), which this unit lacks';
    return fault(steps, 0x3, 1, why, [2, 3], !fpd);
  }
  // TT=10: the request passes untranslated, with no address-width check (QEMU vtd_do_iommu_translate).
  if (tt === 2) return { kind: 'ok', route: 'pass-through', hpa: hpa(iova), pageSize: 4096n, steps };

  // The IOVA must be below 2^min(AGAW, MGAW) before any table is read (QEMU vtd_iova_range_check).
  const width = Math.min(agawWidth(aw), machine.capFields.mgaw);
  if (width < 64 && iova >> BigInt(width) !== 0n) {
    const high = setBits(iova >> BigInt(width)).map((b) => b + width);
    return fault(steps, 0x4, 1, `IOVA bit${plural(high)} ${high.join(', ')} set, at or above the ${width}-bit limit (AGAW ${agawWidth(aw)}, MGAW ${machine.capFields.mgaw})`, high, !fpd);
  }
  return walk(machine, steps, context, Number(iova >> 32n), Number(iova & 0xffff_ffffn), access, fpd);
}

function walk(
  machine: Machine,
  steps: Step[],
  context: readonly [number, number, number, number],
  iovaHi: number,
  iovaLo: number,
  access: Access,
  fpd: boolean,
): Translation {
  const memory = machine.memory;
  const needWrite = access === 'write';
  let table = context[1] * TWO_32 + ((context[0] & PAGE_MASK) >>> 0);
  let r = true;
  let w = true;
  for (let level = (context[2] & 7) + 2; level >= 1; level--) {
    const shift = 3 + 9 * level; // 12 + 9(level − 1)
    const index = (shift >= 32 ? iovaHi >>> (shift - 32) : (iovaLo >>> shift) | (shift > 23 ? iovaHi << (32 - shift) : 0)) & 0x1ff;
    const entryAddress = table + index * 8;
    const lo = memory.readLo(entryAddress);
    const hi = memory.readHi(entryAddress);
    r &&= (lo & 1) !== 0;
    w &&= (lo & 2) !== 0;
    const leaf = level === 1 || (level <= 3 && (lo & 0x80) !== 0);
    steps.push(new SlptStepImpl(level as Level, table, index, lo, hi, r, w, leaf));
    const stepIndex = steps.length - 1;
    const name = LEVEL_ENTRY_NAME[level as Level];
    if (needWrite ? !w : !r) {
      const own = needWrite ? (lo & 2) === 0 : (lo & 1) === 0;
      const bit = needWrite ? 1 : 0;
      const what = own ? `${name} ${needWrite ? 'W (bit 1)' : 'R (bit 0)'} is 0${(lo & 3) === 0 ? ': the entry is not present' : ''}` : `an entry above denies the ${access}`;
      return fault(steps, needWrite ? 0x5 : 0x6, stepIndex, what, [bit], !fpd);
    }
    const masks = machine.masks.slpte[level];
    const mask = masks?.[leaf ? 1 : 0];
    if (mask !== undefined && ((lo & mask.lo) !== 0 || (hi & mask.hi) !== 0)) {
      const set = setBits((BigInt(hi & mask.hi) << 32n) | BigInt((lo & mask.lo) >>> 0));
      return fault(steps, 0xc, stepIndex, `${name} reserved bit${plural(set)} ${set.join(', ')} set`, set, !fpd);
    }
    if (leaf && !sllpsAllows(machine.capFields, level)) {
      return fault(steps, 0xc, stepIndex, `${name} PS (bit 7) is set but CAP.SLLPS lacks ${level === 2 ? '2 MiB' : '1 GiB'} pages`, [7], !fpd);
    }
    const next = (hi & 0xf_ffff) * TWO_32 + ((lo & PAGE_MASK) >>> 0);
    if (leaf) {
      const size = 2 ** shift;
      // A leaf maps at most 1 GiB, so the page offset lies in the IOVA's low word.
      const offset = (iovaLo & (size - 1)) >>> 0;
      return { kind: 'ok', route: 'translated', hpa: hpa(BigInt(next + offset)), pageSize: BigInt(size), steps };
    }
    table = next;
  }
  throw new Error('unreachable: level 1 is always a leaf');
}

function fault(steps: readonly Step[], reason: FaultReason, stepIndex: number, cause: string, bits: readonly number[], recordable: boolean): Translation {
  // Only qualified faults are suppressed by FPD (QEMU vtd_qualified_faults).
  const recorded = recordable || !FAULT_REASONS[reason].qualified;
  return { kind: 'fault', fault: { reason, stepIndex, cause, bits, recorded }, steps };
}

function reservedBits128(words: readonly [number, number, number, number], masks: readonly [WordMask, WordMask]): number[] {
  const [lo, hi] = masks;
  const m0 = (words[0] & lo.lo) >>> 0;
  const m1 = (words[1] & lo.hi) >>> 0;
  const m2 = (words[2] & hi.lo) >>> 0;
  const m3 = (words[3] & hi.hi) >>> 0;
  if ((m0 | m1 | m2 | m3) === 0) return [];
  return setBits((BigInt(m3) << 96n) | (BigInt(m2) << 64n) | (BigInt(m1) << 32n) | BigInt(m0));
}

const plural = (list: readonly unknown[]): string => (list.length === 1 ? '' : 's');
