import { describe, expect, it } from 'vitest';
import { readIaslListing } from './iasl-listing.ts';

describe('an iasl -d listing read field by field', () => {
  // Found by `npm run fuzz -- --seed 7` (run 9854): a size column in hex digits but without the
  // 'h' suffix read as NaN, and writing the field threw instead of being reported.
  it('reports a field whose size column is not a decimal number, and goes on', () => {
    const listing = readIaslListing(['[000h 0000   A]                    Signature : "DMAR"', '[004h 0004   4]                 Table Length : 00000030']);
    expect(listing.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/line 1: the offset or size column is not a number; field ignored/)]);
    expect([...listing.bytes.slice(4, 8)]).toEqual([0x30, 0, 0, 0]);
  });
});
