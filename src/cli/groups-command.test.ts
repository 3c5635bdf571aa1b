import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groupsCommand } from './groups-command.ts';

const FIXTURE = fileURLToPath(new URL('../pci/topology/fixtures/linuxhw_asus_aio_m3702wfa_amd_mendocino.lspci.txt', import.meta.url));
const tempFile = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'groups-')), 'lspci.txt');
  writeFileSync(path, text);
  return path;
};

describe('cli groups FILE --json', () => {
  const out = JSON.parse(groupsCommand([FIXTURE, '--json'])) as { groups: { devices: string[]; reportedGroups?: number[] }[]; diagnostics: { code: string }[] };

  it('lists every function once, named with its domain', () => {
    const all = out.groups.flatMap((g) => g.devices);
    expect([all.length, new Set(all).size, all.every((d) => /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(d))]).toEqual([30, 30, true]);
  });

  it('sets each group beside the kernel\'s number', () => {
    expect(out.groups.find((g) => g.devices.includes('0000:00:18.3'))).toMatchObject({ devices: ['0000:00:18.0', '0000:00:18.1', '0000:00:18.2', '0000:00:18.3', '0000:00:18.4', '0000:00:18.5', '0000:00:18.6', '0000:00:18.7'], reportedGroups: [9] });
  });

  it.each([
    ['', /^.*: empty file \(expected the text of lspci -vvv\)$/],
    ['just some text\n', /^.*: not lspci output: no line starts with a PCI address/],
  ])('rejects %j with one line', (text, message) => {
    expect(() => groupsCommand([tempFile(text), '--json'])).toThrow(message);
  });

  it('exits 1 with one line on stderr for bad input', () => {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/cli.mjs', import.meta.url)), 'groups', tempFile('nothing here\n'), '--json'], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr.trim().split('\n').length]).toEqual([1, '', 1]);
  });
});
