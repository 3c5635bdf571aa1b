import { fieldsOf, type Field } from '../bits.ts';
import { hpa, type Hpa } from '../hex.ts';
import { CONTEXT_ENTRY_LAYOUT, decodeContextEntry, type ContextEntry } from './context-entry.ts';
import { decodeRootEntry, fields128, ROOT_ENTRY_LAYOUT, type RootEntry } from './root-entry.ts';
import { decodeSlpte, LEVEL_ENTRY_NAME, LEVEL_KIND, levelIndexBits, SLPTE_LAYOUT, type Level, type Slpte, type SlptKind } from './slpte.ts';

/** Which bits of the request selected an entry: source-id bits for root/context, IOVA bits below. */
export interface IndexedBy {
  readonly source: 'source-id' | 'iova';
  readonly hi: number;
  readonly lo: number;
  readonly value: number;
}

interface StepBase {
  /** Base of the table the entry was read from. */
  readonly tableAddress: Hpa;
  /** The entry's index in that table. */
  readonly index: number;
  readonly entryAddress: Hpa;
  readonly indexedBy: IndexedBy;
  /** The entry's name as the spec and the kernel's debug dumps say it: "root entry", "PML4E", … */
  readonly name: string;
  /** Every field with its bit range and value. */
  readonly fields: readonly Field[];
}

export interface RootStep extends StepBase {
  readonly kind: 'root';
  readonly raw: readonly [lo: bigint, hi: bigint];
  readonly rootEntry: RootEntry;
}

export interface ContextStep extends StepBase {
  readonly kind: 'context';
  readonly raw: readonly [lo: bigint, hi: bigint];
  readonly contextEntry: ContextEntry;
}

export interface SlptStep extends StepBase {
  readonly kind: SlptKind;
  readonly level: Level;
  readonly raw: bigint;
  readonly slpte: Slpte;
  /** R and W as accumulated along the walk down to and including this entry. */
  readonly allowed: { readonly r: boolean; readonly w: boolean };
  /** This entry maps a page (level 1, or PS=1 at level 2/3) rather than pointing to a table. */
  readonly leaf: boolean;
}

export type Step = RootStep | ContextStep | SlptStep;
export type StepKind = Step['kind'];

const qword = (lo: number, hi: number): bigint => (BigInt(hi) << 32n) | BigInt(lo);
const address = (base: number, offset: number): Hpa => hpa(BigInt(base) + BigInt(offset));

/*
 * Step objects keep the words they read as numbers and decode on first access: the walker is the
 * benchmarked hot path, and most translations (the benchmark's, an animation's replays) never
 * look at every field. `plainStep` turns one into an ordinary object for postMessage and JSON.
 */
abstract class LazyStep {
  private cachedFields: readonly Field[] | undefined;
  constructor(protected readonly table: number, readonly index: number, protected readonly entrySize: number) {}
  get tableAddress(): Hpa {
    return hpa(BigInt(this.table));
  }
  get entryAddress(): Hpa {
    return address(this.table, this.index * this.entrySize);
  }
  get fields(): readonly Field[] {
    this.cachedFields ??= this.computeFields();
    return this.cachedFields;
  }
  protected abstract computeFields(): readonly Field[];
}

export class RootStepImpl extends LazyStep implements RootStep {
  readonly kind = 'root';
  readonly name = 'root entry';
  constructor(table: number, bus: number, private readonly w: readonly [number, number, number, number]) {
    super(table, bus, 16);
  }
  get raw(): readonly [bigint, bigint] {
    return [qword(this.w[0], this.w[1]), qword(this.w[2], this.w[3])];
  }
  get rootEntry(): RootEntry {
    const [lo, hi] = this.raw;
    return decodeRootEntry(lo, hi);
  }
  get indexedBy(): IndexedBy {
    return { source: 'source-id', hi: 15, lo: 8, value: this.index };
  }
  protected computeFields(): readonly Field[] {
    const [lo, hi] = this.raw;
    return fields128(ROOT_ENTRY_LAYOUT, lo, hi);
  }
}

export class ContextStepImpl extends LazyStep implements ContextStep {
  readonly kind = 'context';
  readonly name = 'context entry';
  constructor(table: number, devfn: number, private readonly w: readonly [number, number, number, number]) {
    super(table, devfn, 16);
  }
  get raw(): readonly [bigint, bigint] {
    return [qword(this.w[0], this.w[1]), qword(this.w[2], this.w[3])];
  }
  get contextEntry(): ContextEntry {
    const [lo, hi] = this.raw;
    return decodeContextEntry(lo, hi);
  }
  get indexedBy(): IndexedBy {
    return { source: 'source-id', hi: 7, lo: 0, value: this.index };
  }
  protected computeFields(): readonly Field[] {
    const [lo, hi] = this.raw;
    return fields128(CONTEXT_ENTRY_LAYOUT, lo, hi);
  }
}

export class SlptStepImpl extends LazyStep implements SlptStep {
  constructor(
    readonly level: Level,
    table: number,
    index: number,
    private readonly lo: number,
    private readonly hi: number,
    private readonly r: boolean,
    private readonly w: boolean,
    readonly leaf: boolean,
  ) {
    super(table, index, 8);
  }
  get kind(): SlptKind {
    return LEVEL_KIND[this.level];
  }
  get name(): string {
    return LEVEL_ENTRY_NAME[this.level];
  }
  get raw(): bigint {
    return qword(this.lo, this.hi);
  }
  get slpte(): Slpte {
    return decodeSlpte(this.raw);
  }
  get allowed(): { r: boolean; w: boolean } {
    return { r: this.r, w: this.w };
  }
  get indexedBy(): IndexedBy {
    const [hi, lo] = levelIndexBits(this.level);
    return { source: 'iova', hi, lo, value: this.index };
  }
  protected computeFields(): readonly Field[] {
    return fieldsOf(SLPTE_LAYOUT, this.raw);
  }
}

/** A step as a plain object (every field computed), for postMessage and JSON. */
export function plainStep(step: Step): Step {
  const base = {
    tableAddress: step.tableAddress,
    index: step.index,
    entryAddress: step.entryAddress,
    indexedBy: step.indexedBy,
    name: step.name,
    fields: step.fields,
  };
  switch (step.kind) {
    case 'root':
      return { ...base, kind: step.kind, raw: step.raw, rootEntry: step.rootEntry };
    case 'context':
      return { ...base, kind: step.kind, raw: step.raw, contextEntry: step.contextEntry };
    default:
      return { ...base, kind: step.kind, level: step.level, raw: step.raw, slpte: step.slpte, allowed: step.allowed, leaf: step.leaf };
  }
}
