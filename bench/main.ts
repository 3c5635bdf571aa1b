import { hpa, iova } from '../src/hex.ts';
import { createFrameAllocator } from '../src/vtd/frame-allocator.ts';
import { PhysicalMemory } from '../src/vtd/memory.ts';
import { createDomain, map } from '../src/vtd/page-table.ts';
import { decodeCap, encodeCap } from '../src/vtd/registers.ts';
import { bareWalk, buildWalkSetup, engineHpas, engineWalk } from './translate-bench.ts';

/**
 * `npm run bench [-- --json]`: the engine's translation rate against a bare typed-array walk, and
 * the time and memory to build a 16 GiB guest's tables at 4 KiB pages. Targets (issue 3):
 * translationsPerSecond ≥ baselinePerSecond / 2; vfio16GiBBuildMs < 3000 with heapMiB < 64.
 */
const json = process.argv.includes('--json');
const gc = (globalThis as { gc?: () => void }).gc;

/** Rounds of the two walks alternate, so a busy machine slows both alike; each keeps its best. */
function measureTranslation(rounds = 15) {
  const setup = buildWalkSetup(64 * 1024);
  const baselineHpas: number[] = [];
  bareWalk(setup, baselineHpas);
  if (engineHpas(setup).some((h, i) => h !== baselineHpas[i])) throw new Error('the engine and the baseline disagree on the HPAs');
  let translationsPerSecond = 0;
  let baselinePerSecond = 0;
  const rate = (run: () => number): number => {
    const start = performance.now();
    run();
    return setup.iovas.length / ((performance.now() - start) / 1000);
  };
  for (let round = 0; round < rounds; round++) {
    baselinePerSecond = Math.max(baselinePerSecond, rate(() => bareWalk(setup)));
    translationsPerSecond = Math.max(translationsPerSecond, rate(() => engineWalk(setup)));
  }
  return { pages: setup.iovas.length, translationsPerSecond, baselinePerSecond };
}

function measureVfioBuild() {
  gc?.();
  const before = process.memoryUsage();
  const start = performance.now();
  const memory = new PhysicalMemory();
  const allocator = createFrameAllocator(memory, { base: hpa(0x10_0000_0000n), limit: hpa(0x11_0000_0000n) });
  const cap = decodeCap(encodeCap({ sagaw: 0b00100, mgaw: 48 })); // no SLLPS: 4 KiB pages only
  const domain = createDomain(memory, allocator, { did: 2, aw: 2, cap });
  if (domain === undefined) throw new Error('no frame for the domain');
  const result = map(domain, { iova: iova(0n), hpa: hpa(0x1_0000_0000n), size: 16n << 30n, perm: { r: true, w: true } });
  if (!result.ok || result.pages['4KiB'] !== 4 * 1024 * 1024) throw new Error(`unexpected build: ${JSON.stringify(result)}`);
  const vfio16GiBBuildMs = performance.now() - start;
  gc?.();
  const after = process.memoryUsage();
  const heapMiB = (after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers)) / 2 ** 20;
  return { vfio16GiBBuildMs, heapMiB, tablePages: memory.pageCount };
}

const translation = measureTranslation();
const vfio = measureVfioBuild();
const report = {
  translationsPerSecond: Math.round(translation.translationsPerSecond),
  baselinePerSecond: Math.round(translation.baselinePerSecond),
  ratio: Number((translation.translationsPerSecond / translation.baselinePerSecond).toFixed(3)),
  translatedPages: translation.pages,
  vfio16GiBBuildMs: Math.round(vfio.vfio16GiBBuildMs),
  heapMiB: Number(vfio.heapMiB.toFixed(1)),
  vfioTablePages: vfio.tablePages,
  gcExposed: gc !== undefined,
};

if (json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const rows: [string, string, string][] = [
    ['translations/s (engine translate)', report.translationsPerSecond.toLocaleString('en'), `≥ ${Math.round(report.baselinePerSecond / 2).toLocaleString('en')} (half the baseline)`],
    ['bare typed-array walk/s (baseline)', report.baselinePerSecond.toLocaleString('en'), ''],
    ['ratio engine / baseline', report.ratio.toString(), '≥ 0.5'],
    ['16 GiB guest at 4 KiB pages: build ms', report.vfio16GiBBuildMs.toString(), '< 3000'],
    ['  engine memory MiB', report.heapMiB.toString(), '< 64'],
  ];
  for (const [name, value, target] of rows) process.stdout.write(`${name.padEnd(40)}${value.padStart(14)}   ${target}\n`);
}
