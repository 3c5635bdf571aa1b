import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** Runs the CLI as a user would (`npm run --silent cli -- …` runs exactly this). */
export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let file = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'iommu-lab-'));
  file = join(dir, 'machine.json');
  // CAP: SAGAW 39/48/57, MGAW 57, SLLPS 2M+1G. ECAP 0x40: PT. 00:02.0 → 4-level domain, DID 2.
  writeFileSync(file, JSON.stringify({
    format: 'iommu-lab/machine', version: 1, haw: 39, cap: '0x0000000c00380e06', ecap: '0x40', rtaddr: '0x10000', translationEnabled: true,
    memory: [
      { address: '0x10000', qwords: ['0x11001'] },
      { address: '0x11100', qwords: ['0x20001', '0x202'] },
      { address: '0x20000', qwords: ['0x21003'] },
      { address: '0x21000', qwords: ['0x22003'] },
      { address: '0x22000', qwords: ['0x23003'] },
      { address: '0x23008', qwords: ['0x7bf01001'] },
    ],
  }));
}, 30_000);

describe('cli translate (the exact contract of issue 3)', () => {
  it('prints one JSON object with the HPA and one step per entry read', () => {
    const { status, stdout } = cli('translate', file, '--sid', '00:02.0', '--iova', '0x1234', '--json');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.ok).toBe(true);
    expect(out.hpa).toBe('0x7bf01234');
    expect(out.steps.map((s: { kind: string; entryAddress: string }) => [s.kind, s.entryAddress])).toEqual([
      ['root', '0x10000'], ['context', '0x11100'], ['pml4', '0x20000'], ['pdpt', '0x21000'], ['pd', '0x22000'], ['pt', '0x23008'],
    ]);
  });

  it('prints the fault reason as a number, and its name, for a write to a read-only page', () => {
    const out = JSON.parse(cli('translate', file, '--sid', '00:02.0', '--iova', '0x1234', '--write', '--json').stdout);
    expect([out.ok, out.faultReason, out.faultName, out.faultLog]).toEqual([
      false, 5, 'Write not allowed',
      'DMAR: [DMA Write NO_PASID] Request device [00:02.0] fault addr 0x1000 [fault reason 0x05] PTE Write access is not set',
    ]);
    expect(out.steps.at(-1).kind).toBe('pt');
  });

  it('prints a readable table without --json', () => {
    const { status, stdout } = cli('translate', file, '--sid', '00:02.0', '--iova', '0x1234');
    expect(status).toBe(0);
    expect(stdout).toContain('-> HPA 0x7bf01234');
    expect(stdout).toMatch(/^pt {6}0x0000000000023008 {2}0x000000007bf01001 +R=1 W=0 /m);
  });

  it.each([
    [['translate', '/nonexistent.json', '--sid', '00:02.0', '--iova', '0x0'], 'translate: cannot read /nonexistent.json: no such file'],
    [['translate', 'FILE', '--sid', '00:02', '--iova', '0x0'], 'translate: --sid: "00:02" is not a PCI address (expected BB:DD.F, e.g. 02:00.0)'],
    [['translate', 'FILE', '--sid', '00:02.0', '--iova', '1234'], 'translate: --iova: "1234" is not a hex string (expected 0x followed by hex digits)'],
    [['translate', 'FILE', '--sid', '00:02.0'], 'translate: missing --iova 0x…'],
    [['translate', 'FILE', '--sid', '00:02.0', '--iova', '0x0', '--bogus'], "translate: Unknown option '--bogus'"],
  ])('exits 1 with one line for %j', (args, message) => {
    const { status, stdout, stderr } = cli(...args.map((a) => (a === 'FILE' ? file : a)));
    expect([status, stdout, stderr]).toEqual([1, '', `${message}\n`]);
  });

  it('exits 1 naming the bad field of a bad machine file', () => {
    const bad = file.replace('machine.json', 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'iommu-lab/machine', version: 1, haw: 39, cap: '0x0', ecap: '0x0', rtaddr: '0x0', translationEnabled: true, memory: [{ address: '0x0', qwords: ['zz'] }] }));
    const { status, stderr } = cli('translate', bad, '--sid', '00:02.0', '--iova', '0x0');
    expect([status, stderr]).toEqual([1, `translate: ${bad}: memory[0].qwords[0]: not a hex string\n`]);
  });

  it('is what `npm run --silent cli` runs', () => {
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'translate', file, '--sid', '00:02.0', '--iova', '0x1ff8', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).hpa).toBe('0x7bf01ff8');
  });
});
