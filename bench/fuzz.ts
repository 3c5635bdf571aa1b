import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { dmarFieldRanges } from '../src/acpi/dmar/field-ranges.ts';
import { lintDmar } from '../src/acpi/dmar/lint.ts';
import { findOwningDrhd } from '../src/acpi/dmar/ownership.ts';
import { explainRmrrs } from '../src/acpi/dmar/rmrr-explain.ts';
import { parseDmarInput } from '../src/acpi/dmar/text-input.ts';
import { dmarToUnits } from '../src/acpi/dmar/units.ts';
import { loadCorpus, mutatedInput, prng } from './dmar-mutations.ts';

/**
 * `npm run fuzz -- --runs N [--seed S] [--json]`: feeds N mutated DMAR inputs (binary, acpidump,
 * iasl; see dmar-mutations.ts) through parse, lint, explain, field ranges and units. A crash is
 * anything thrown; a hang is one input taking more than 100 ms on two tries. `slowestMs` is the
 * slowest input (its faster try, when it was retried). Replay a failure with its seed and run number.
 */
export const HANG_MS = 100;

export interface FuzzReport {
  runs: number;
  crashes: number;
  hangs: number;
  slowestMs: number;
  firstFailure?: { kind: 'crash' | 'hang'; run: number; format: string; error: string };
}

/** The whole engine path an uploaded table takes. */
export function exercise(bytes: Uint8Array): void {
  const { table, diagnostics } = parseDmarInput(bytes);
  if (table === undefined) return;
  lintDmar(table, diagnostics, { e820: [{ base: 0n, end: 0x9ffffn, type: 1 }, { base: 0x7d000000n, end: 0x7fffffffn, type: 2 }] });
  explainRmrrs(table);
  dmarFieldRanges(table);
  dmarToUnits(table);
  findOwningDrhd(table, { segment: 0, bus: 0, device: 2, function: 0 });
}

function timed(bytes: Uint8Array): number {
  const start = performance.now();
  try {
    exercise(bytes);
  } catch {
    // already counted as a crash by the first run
  }
  return performance.now() - start;
}

export function fuzz(runs: number, seed: number): FuzzReport {
  const corpus = loadCorpus();
  const random = prng(seed);
  const report: FuzzReport = { runs: 0, crashes: 0, hangs: 0, slowestMs: 0 };
  for (let run = 0; run < runs; run++) {
    const input = mutatedInput(random, corpus);
    const start = performance.now();
    try {
      exercise(input.bytes);
    } catch (error) {
      report.crashes++;
      report.firstFailure ??= { kind: 'crash', run, format: input.format, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    let ms = performance.now() - start;
    // A garbage-collection pause or a busy core can stall any one call; a real hang repeats.
    // So an input over the limit is timed once more and counts as a hang only if it is slow twice.
    if (ms > HANG_MS) ms = Math.min(ms, timed(input.bytes));
    if (ms > HANG_MS) {
      report.hangs++;
      report.firstFailure ??= { kind: 'hang', run, format: input.format, error: `took ${ms.toFixed(1)} ms` };
    }
    report.slowestMs = Math.max(report.slowestMs, ms);
    report.runs++;
  }
  report.slowestMs = Math.round(report.slowestMs * 100) / 100;
  return report;
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!Number.isInteger(runs) || runs < 0 || !Number.isInteger(seed)) {
    process.stderr.write('fuzz: --runs and --seed take integers\n');
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const report = fuzz(runs, seed);
  const { firstFailure, ...summary } = report;
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(`seed ${seed}: ${report.runs} runs, ${report.crashes} crashes, ${report.hangs} hangs, slowest ${report.slowestMs} ms, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    if (firstFailure !== undefined) process.stdout.write(`first failure at run ${firstFailure.run} (${firstFailure.format}): ${firstFailure.error}\n`);
  }
  if (report.crashes > 0 || report.hangs > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
