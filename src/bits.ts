/** Bits hi..lo (inclusive, hi ≥ lo) of a value, shifted down to bit 0. */
export function bits(raw: bigint, hi: number, lo: number): bigint {
  return (raw >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n);
}

/** Whether bit n of a value is set. */
export function bit(raw: bigint, n: number): boolean {
  return ((raw >> BigInt(n)) & 1n) === 1n;
}

/** A mask with bits hi..lo set. */
export function mask(hi: number, lo: number): bigint {
  return ((1n << BigInt(hi - lo + 1)) - 1n) << BigInt(lo);
}

/** The positions of the set bits of a value, lowest first. */
export function setBits(value: bigint): number[] {
  const out: number[] = [];
  for (let n = 0; value >> BigInt(n) !== 0n; n++) if (bit(value, n)) out.push(n);
  return out;
}

/** A named bit field of an entry or register, as the spec draws it. */
export interface FieldLayout {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  readonly title: string;
  /** The field holds address bits hi..lo in place: its address is value << lo. */
  readonly address?: true;
}

/** A field with its value, for the bit-by-bit panels. */
export interface Field extends FieldLayout {
  readonly value: bigint;
}

/** Reads every field of a layout out of a raw value. */
export function fieldsOf(layout: readonly FieldLayout[], raw: bigint): Field[] {
  return layout.map((f) => ({ ...f, value: bits(raw, f.hi, f.lo) }));
}
