import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDmarInput } from '../acpi/dmar/text-input.ts';
import { createEngineHost } from '../worker/host.ts';
import { platformFromDmar } from './dmar-platform.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../acpi/dmar/fixtures/${name}`, import.meta.url)));
const tableOf = (name: string) => {
  const { table } = parseDmarInput(fixture(name));
  if (table === undefined) throw new Error(`${name} did not parse`);
  return table;
};

describe('a platform from a machine\'s own DMAR table', () => {
  it('has a unit per DRHD and the endpoints its scopes name (QEMU q35: one unit, explicit scopes)', () => {
    const built = platformFromDmar(tableOf('qemu_q35_dmar.bin'));
    if (!built.ok) throw new Error(built.error);
    const { platform } = built;
    expect(platform.haw).toBe(39);
    expect(platform.units.map((u) => [u.name, u.registerBase, u.includePciAll])).toEqual([['dmar0', 0xfed9_0000n, false]]);
    expect(platform.devices.map((d) => d.bdf)).toEqual(['00:00.0', '00:01.0', '00:1f.0', '00:1f.2', '00:1f.3']);
    expect(platform.rmrrs).toEqual([]);
  });

  it('puts a function no scope names under the INCLUDE_PCI_ALL unit, as dmar_find_matched_drhd_unit does', () => {
    const built = platformFromDmar(tableOf('lenovo_thinkpad_x1carbon7_whl.bin'), { devices: ['3a:00.0'] });
    if (!built.ok) throw new Error(built.error);
    const gpu = built.platform.devices.find((d) => d.bdf === '00:02.0');
    const other = built.platform.devices.find((d) => d.bdf === '3a:00.0');
    expect(gpu && built.platform.units[gpu.unit]?.includePciAll).toBe(false);
    expect(other && built.platform.units[other.unit]?.includePciAll).toBe(true);
    expect(built.platform.rmrrs.map((r) => r.devices)).toContainEqual(['00:14.0']);
  });

  it('builds a DMA domain for a device of the loaded table and walks it', () => {
    const host = createEngineHost();
    const answer = host.handle({ id: 1, type: 'build-scenario', mode: 'dma', device: '00:1f.2', dmar: fixture('qemu_q35_dmar.bin'), maps: [{ phys: '0x123456000', size: '0x1000' }] });
    if (answer.type !== 'scenario') throw new Error(JSON.stringify(answer));
    expect(answer.scenario.device.bdf).toBe('00:1f.2');
    const iova = answer.scenario.mappings[0]?.iova ?? 0n;
    const walked = host.handle({ id: 2, type: 'translate', sourceId: '00:1f.2', iova: `0x${iova.toString(16)}`, access: 'read' });
    expect(walked.type === 'translation' && walked.translation.kind === 'ok' && walked.translation.hpa).toBe(0x1_2345_6000n);
  });

  it('refuses a table it cannot use, naming it', () => {
    const answer = createEngineHost().handle({ id: 1, type: 'build-scenario', mode: 'dma', dmar: new TextEncoder().encode('hello') });
    expect(answer).toMatchObject({ type: 'invalid-request', field: 'dmar' });
    expect(answer.type === 'invalid-request' && answer.message).toMatch(/^the loaded DMAR table: not a DMAR table/);
  });
});

describe('the units of a loaded table take the CAP/ECAP the user gave them', () => {
  it('a unit without ECAP.PT turns iommu=pt into si_domain tables; a bad value is named', () => {
    const host = createEngineHost();
    // QEMU q35's one DRHD is at offset 0x30. ECAP 0x0: no PT, so pass-through needs tables.
    const noPt = host.handle({ id: 1, type: 'build-scenario', mode: 'pt', device: '00:1f.2', dmar: fixture('qemu_q35_dmar.bin'), dmarRegisters: [{ drhdOffset: 0x30, cap: '0x0000000c00220206', ecap: '0x0' }] });
    expect(noPt.type === 'scenario' && noPt.scenario.translation).toBe('si_domain identity tables');
    const bad = host.handle({ id: 2, type: 'build-scenario', mode: 'pt', dmar: fixture('qemu_q35_dmar.bin'), dmarRegisters: [{ drhdOffset: 0x30, cap: 'fast', ecap: '0x0' }] });
    expect(bad).toMatchObject({ type: 'invalid-request', field: 'dmarRegisters[0].cap' });
  });
});
