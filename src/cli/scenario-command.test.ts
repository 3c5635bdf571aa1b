import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI as a user runs it: what `npm run --silent cli --` runs. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'iommu-lab-scenario-'));

/** Feeds a scenario's `machine` to `cli translate` and returns its JSON answer. */
function translateWith(machine: unknown, sid: string, address: string): { ok: boolean; hpa?: string; faultReason?: number; route?: string } {
  const file = join(dir, `machine-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(machine));
  const { status, stdout, stderr } = cli('translate', file, '--sid', sid, '--iova', address, '--json');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout);
}

describe('cli scenario (the exact contract of issue 4)', () => {
  it('dma: one mapping per --map in order, the IOVA keeping the page offset, and a machine translate walks', () => {
    const { status, stdout } = cli('scenario', 'dma', '--device', '03:00.0', '--map', '0x123456789:0x3000', '--map', '0x20000000:4KiB', '--json');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.device).toBe('03:00.0');
    expect(out.mappings.map((m: Record<string, string>) => [m.iova, m.hpa, m.size])).toEqual([
      ['0xffffc789', '0x123456789', '0x3000'],
      ['0xffffb000', '0x20000000', '0x1000'],
    ]);
    expect(out.machine.format).toBe('iommu-lab/machine');
    expect(out.bootLog).toContain('iommu: Default domain type: Translated');
    expect(out.callPath.current.frames.map((f: { function: string }) => f.function)).toContain('intel_iommu_map_pages');
    expect(out.callPath.legacy.frames.map((f: { function: string }) => f.function)).toContain('__intel_map_single');
    expect(translateWith(out.machine, '03:00.0', '0xffffc789')).toMatchObject({ ok: true, hpa: '0x123456789' });
    expect(translateWith(out.machine, '03:00.0', '0xffffa000')).toMatchObject({ ok: false, faultReason: 6 });
  }, 30_000);

  it('vfio: guest-RAM ranges GPA → HPA that translate agrees with, and the hole below 4 GiB faults', () => {
    const { status, stdout } = cli('scenario', 'vfio', '--guest-ram', '4GiB', '--ram', '16GiB', '--json');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.device).toBe('01:00.0');
    expect(out.mappings[2]).toMatchObject({ iova: '0x200000', hpa: '0x47fc00000', size: '0x200000' });
    expect(translateWith(out.machine, '01:00.0', '0x200abc')).toMatchObject({ ok: true, hpa: '0x47fc00abc' });
    expect(translateWith(out.machine, '01:00.0', '0x90000000')).toMatchObject({ ok: false, faultReason: 6 });
  }, 30_000);

  it('pt --no-hw-pt: the identity ranges; the default kernel keeps si_domain, --kernel 6.12 does not', () => {
    const old = JSON.parse(cli('scenario', 'pt', '--no-hw-pt', '--json').stdout);
    expect(old.kernel).toBe('6.6');
    expect(old.translation).toBe('si_domain identity tables');
    expect(old.mappings[0]).toMatchObject({ iova: '0x0', hpa: '0x0', size: '0x9f000' });
    expect(translateWith(old.machine, '03:00.0', '0x123456789')).toMatchObject({ ok: true, hpa: '0x123456789', route: 'translated' });
    const current = JSON.parse(cli('scenario', 'pt', '--no-hw-pt', '--kernel', '6.12', '--json').stdout);
    expect(current.translation).toBe('DMA domain');
    expect(current.mappings).toEqual([]);
  }, 30_000);

  it('disabled: TES=0 and a swiotlb bounce for a buffer the 32-bit NIC cannot reach', () => {
    const out = JSON.parse(cli('scenario', 'disabled', '--device', '02:00.0', '--map', '0x123456789:0x3000', '--json').stdout);
    expect(out.machine.translationEnabled).toBe(false);
    expect(out.mappings).toEqual([{ iova: '0x76000000', hpa: '0x76000000', size: '0x3000', kind: 'dma-map', bounce: { buffer: '0x123456789' } }]);
    expect(out.bootLog[0]).toBe('DMAR: IOMMU disabled');
  }, 30_000);

  it.each([
    [['scenario'], /^scenario: missing MODE \(one of disabled, pt, dma, vfio\)\n$/],
    [['scenario', 'iommu'], /^scenario: unknown mode "iommu"/],
    [['scenario', 'dma', '--device', '09:00.0'], /^scenario: --device: no device 09:00.0 on the sample platform/],
    [['scenario', 'dma', '--ram', '5GB'], /^scenario: --ram: "5GB" is not a size \(expected e\.g\. 4GiB, 512MiB or 0x100000000\)\n$/],
    [['scenario', 'dma', '--map', '0x1000'], /^scenario: --map: "0x1000" is not 0xPHYS:0xSIZE\n$/],
    [['scenario', 'dma', '--map', '0x7a800000:0x1000'], /^scenario: --map: 0x7a800000:0x1000: not inside one usable RAM range/],
    [['scenario', 'dma', '--kernel', 'latest'], /^scenario: --kernel: "latest" is not a kernel version/],
  ])('%j exits 1 with one line', (args, message) => {
    const { status, stdout, stderr } = cli(...args);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});
