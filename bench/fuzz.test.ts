import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseDmar } from '../src/acpi/dmar/parse.ts';
import { parseDmarInput } from '../src/acpi/dmar/text-input.ts';
import { fuzz } from './fuzz.ts';

describe('DMAR fuzzing (short run of npm run fuzz)', () => {
  // Crashes only: whether an input is slow is timing, which `npm run fuzz` measures (a real
  // endless loop would still fail this test by its timeout).
  it('2000 mutated real tables in the three formats: no crash', { timeout: 60_000 }, () => {
    const report = fuzz(2000, 20260101);
    const firstCrash = report.firstFailure?.kind === 'crash' ? report.firstFailure : undefined;
    expect({ runs: report.runs, crashes: report.crashes, firstCrash }).toEqual({ runs: 2000, crashes: 0, firstCrash: undefined });
  });
});

describe('parser properties', () => {
  test.prop([fc.uint8Array({ maxLength: 4096 })])('parseDmar never throws and keeps diagnostics inside the buffer', (bytes) => {
    const { diagnostics } = parseDmar(bytes);
    return diagnostics.every((d) => d.offset >= 0 && d.length >= 0 && d.offset + d.length <= bytes.length);
  });

  test.prop([fc.uint8Array({ minLength: 48, maxLength: 2048 })])('with a DMAR signature too', (tail) => {
    const bytes = new Uint8Array([0x44, 0x4d, 0x41, 0x52, ...tail]);
    const { diagnostics } = parseDmar(bytes);
    return diagnostics.every((d) => d.offset + d.length <= bytes.length);
  });

  test.prop([fc.string({ maxLength: 2000 })])('parseDmarInput never throws on text; offsets refer to the bytes it rebuilt', (text) => {
    const result = parseDmarInput(new TextEncoder().encode(text));
    return result.diagnostics.every((d) => d.offset + d.length <= result.bytes.length);
  });
});
