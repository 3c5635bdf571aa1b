import { bits } from '../bits.ts';
import { hpa, type Hpa, type Iova } from '../hex.ts';
import type { Machine } from './machine.ts';
import type { Step } from './trace.ts';
import type { Translation } from './translate.ts';

/** One entry of a table as the view draws it: raw value(s) and whether it is in use. */
export interface TableRow {
  readonly index: number;
  readonly address: Hpa;
  /** One qword for an SLPTE; [lo, hi] for a root or context entry. */
  readonly raw: readonly bigint[];
  /** Root/context: P set. SLPTE: R or W set (second-level entries have no present bit). */
  readonly present: boolean;
}

/** The entry a step read among its neighbours, so a table can be drawn around it. */
export interface TableWindow {
  readonly tableAddress: Hpa;
  /** Entries in the table (256 for root/context tables, 512 for second-level tables). */
  readonly entries: number;
  readonly rows: readonly TableRow[];
}

/** A slice of the DMA address: the bits that indexed one table, or the page offset. */
export interface IovaSlice {
  /** 'pml5' … 'pt' for an index, 'offset' for the bits kept within the page. */
  readonly kind: Step['kind'] | 'offset';
  readonly hi: number;
  readonly lo: number;
  readonly value: bigint;
}

export interface WalkView {
  readonly windows: readonly TableWindow[];
  readonly slices: readonly IovaSlice[];
}

/**
 * What the translation view draws beside the trace: for each step, `radius` entries either side
 * of the one read (read from the same memory, after the walk), and the DMA address cut into the
 * bit ranges that indexed each second-level table plus the page offset of the final page.
 */
export function describeWalk(machine: Machine, iova: Iova, translation: Translation, radius = 2): WalkView {
  const windows = translation.steps.map((step) => tableWindow(machine, step, radius));
  const slices: IovaSlice[] = [];
  for (const step of translation.steps) {
    if (step.kind !== 'root' && step.kind !== 'context') slices.push({ kind: step.kind, hi: step.indexedBy.hi, lo: step.indexedBy.lo, value: BigInt(step.indexedBy.value) });
  }
  if (translation.kind === 'ok' && translation.route === 'translated') {
    const top = Math.log2(Number(translation.pageSize)) - 1;
    slices.push({ kind: 'offset', hi: top, lo: 0, value: bits(iova, top, 0) });
  }
  return { windows, slices };
}

function tableWindow(machine: Machine, step: Step, radius: number): TableWindow {
  const wide = step.kind === 'root' || step.kind === 'context';
  const size = wide ? 16 : 8;
  const entries = wide ? 256 : 512;
  const first = Math.max(0, Math.min(step.index - radius, entries - (2 * radius + 1)));
  const rows: TableRow[] = [];
  for (let index = first; index < Math.min(entries, first + 2 * radius + 1); index++) {
    const address = hpa(step.tableAddress + BigInt(index * size));
    const lo = machine.memory.readQword(address);
    if (wide) rows.push({ index, address, raw: [lo, machine.memory.readQword(address + 8n)], present: (lo & 1n) === 1n });
    else rows.push({ index, address, raw: [lo], present: (lo & 3n) !== 0n });
  }
  return { tableAddress: step.tableAddress, entries, rows };
}
