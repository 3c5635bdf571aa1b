/**
 * A seeded pseudo-random generator, so that one seed gives one exercise in every browser and in
 * node: the seed text is hashed to 128 bits (cyrb128) and drives sfc32. No Math.random here.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly [T, ...T[]]): T;
  /** true with probability p. */
  chance(p: number): boolean;
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function createPrng(seed: string): Prng {
  let [a, b, c, d] = cyrb128(seed);
  const next = (): number => {
    // sfc32
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (list) => list[int(0, list.length - 1)] ?? list[0],
    chance: (p) => next() < p,
  };
}

const SEED = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** A seed is 1–32 characters of a–z, 0–9 and "-" (it travels in URLs); bad text says why. */
export function parseSeed(text: string): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string } {
  const seed = text.trim().toLowerCase();
  if (!SEED.test(seed)) return { ok: false, error: `"${text}" is not a seed (1 to 32 of a-z, 0-9 and -, starting with a letter or digit)` };
  return { ok: true, value: seed };
}

/** A fresh six-character seed from any source of [0, 1) floats (the UI passes Math.random). */
export function newSeed(random: () => number): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let seed = '';
  for (let i = 0; i < 6; i++) seed += alphabet[Math.floor(random() * alphabet.length)] ?? 'a';
  return seed;
}
