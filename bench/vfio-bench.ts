import { buildScenario, SCENARIO_MODES } from '../src/linux/scenario.ts';

const GiB = 1n << 30n;

/**
 * The VFIO scenario for a 16 GiB guest backed by 4 KiB pages (so 4 Mi PTEs): the engine's own
 * builder, as the app's mode toggle runs it. The host needs 16 GiB + the rest of the platform.
 */
export function measureVfioBuild(gc: (() => void) | undefined) {
  gc?.();
  const before = process.memoryUsage();
  const start = performance.now();
  const built = buildScenario({ mode: 'vfio', ramSize: 20n * GiB, guestRamSize: 16n * GiB, hugepages: '4KiB' });
  const vfio16GiBBuildMs = performance.now() - start;
  if (!built.ok) throw new Error(`${built.field}: ${built.error}`);
  gc?.();
  const after = process.memoryUsage();
  const heapMiB = (after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers)) / 2 ** 20;
  const mapped = built.scenario.mappings.reduce((sum, m) => sum + m.size, 0n);
  return { vfio16GiBBuildMs, heapMiB, tablePages: built.scenario.machine.memory.pageCount, guestMappedGiB: Number(mapped) / 2 ** 30 };
}

/** Rebuilding each mode at the default settings (16 GiB of RAM), as the mode toggle does: best of five. */
export function measureModeSwitch(): Record<string, number> {
  const times: Record<string, number> = {};
  for (const mode of SCENARIO_MODES) {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      const built = buildScenario({ mode, maps: mode === 'vfio' ? [] : [{ phys: 0x1_2345_6000n, size: 0x3000n }] });
      best = Math.min(best, performance.now() - start);
      if (!built.ok) throw new Error(built.error);
    }
    times[mode] = Number(best.toFixed(1));
  }
  return times;
}
