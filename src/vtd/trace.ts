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

const qword = (lo: number, hi: number): bigint => (BigInt(hi) << 32n) | BigInt(lo);
const address = (base: number, offset: number): Hpa => hpa(BigInt(base) + BigInt(offset));

/*
 * Step objects keep the words they read as numbers and decode on first access: the walker is the
 * benchmarked hot path, and most translations (the benchmark's, an animation's replays) never
 * look at every field. `plainStep` turns one into an ordinary object for postMessage and JSON.
 */
abstract class LazyStep {
  constructor(protected readonly table: number, readonly index: number, protected readonly entrySize: number) {}
  get tableAddress(): Hpa {
    return hpa(BigInt(this.table));
  }
  get entryAddress(): Hpa {
    return address(this.table, this.index * this.entrySize);
  }
  abstract get fields(): readonly Field[];
}

/** The four 32-bit words of a 128-bit entry, lowest first, kept as fields (no array on the hot path). */
abstract class Step128 extends LazyStep {
  constructor(table: number, index: number, private readonly w0: number, private readonly w1: number, private readonly w2: number, private readonly w3: number) {
    super(table, index, 16);
  }
  get raw(): readonly [bigint, bigint] {
    return [qword(this.w0, this.w1), qword(this.w2, this.w3)];
  }
}

// Subclasses add getters only: a field initializer would give them a spread-argument constructor.
export class RootStepImpl extends Step128 implements RootStep {
  get kind(): 'root' {
    return 'root';
  }
  get name(): string {
    return 'root entry';
  }
  get rootEntry(): RootEntry {
    const [lo, hi] = this.raw;
    return decodeRootEntry(lo, hi);
  }
  get indexedBy(): IndexedBy {
    return { source: 'source-id', hi: 15, lo: 8, value: this.index };
  }
  get fields(): readonly Field[] {
    const [lo, hi] = this.raw;
    return fields128(ROOT_ENTRY_LAYOUT, lo, hi);
  }
}

export class ContextStepImpl extends Step128 implements ContextStep {
  get kind(): 'context' {
    return 'context';
  }
  get name(): string {
    return 'context entry';
  }
  get contextEntry(): ContextEntry {
    const [lo, hi] = this.raw;
    return decodeContextEntry(lo, hi);
  }
  get indexedBy(): IndexedBy {
    return { source: 'source-id', hi: 7, lo: 0, value: this.index };
  }
  get fields(): readonly Field[] {
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
  get fields(): readonly Field[] {
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

/**
 * What a walk read, recorded as numbers so that a walk allocates one small array, not an object a
 * step: the root entry's and the context entry's table, index and four 32-bit words as fields,
 * then each second-level entry's (table, index, lo, hi) in `slptWords`. Kinds, levels and the
 * accumulated R/W follow from the order and the words; Step objects are made on first use.
 */
export class TraceRecord {
  private readonly slptWords: number[] = [];
  private made: readonly Step[] | undefined;
  private contextTable = 0;
  private devfn = 0;
  private c0 = 0;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  /** How many entries were read so far. */
  count = 1;

  constructor(
    private readonly rootTable: number,
    private readonly bus: number,
    private readonly r0: number,
    private readonly r1: number,
    private readonly r2: number,
    private readonly r3: number,
  ) {}

  context(table: number, devfn: number, c0: number, c1: number, c2: number, c3: number): void {
    this.contextTable = table;
    this.devfn = devfn;
    this.c0 = c0;
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
    this.count = 2;
  }

  slpte(table: number, index: number, lo: number, hi: number): void {
    this.slptWords.push(table, index, lo, hi);
    this.count++;
  }

  get steps(): readonly Step[] {
    this.made ??= this.make();
    return this.made;
  }

  private make(): readonly Step[] {
    const steps: Step[] = [new RootStepImpl(this.rootTable, this.bus, this.r0, this.r1, this.r2, this.r3)];
    if (this.count < 2) return steps;
    steps.push(new ContextStepImpl(this.contextTable, this.devfn, this.c0, this.c1, this.c2, this.c3));
    const w = this.slptWords;
    const at = (i: number): number => w[i] ?? 0;
    let r = true;
    let wr = true;
    for (let i = 0, level = (this.c2 & 7) + 2; i < w.length; i += 4, level--) {
      const lo = at(i + 2);
      r &&= (lo & 1) !== 0;
      wr &&= (lo & 2) !== 0;
      const leaf = level === 1 || (level <= 3 && (lo & 0x80) !== 0);
      steps.push(new SlptStepImpl(level as Level, at(i), at(i + 1), lo, at(i + 3), r, wr, leaf));
    }
    return steps;
  }
}
