import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dmarCommand } from './dmar-command.ts';
import { UsageError } from './errors.ts';

const FIXTURES = new URL('../acpi/dmar/fixtures/', import.meta.url);
const fixture = (name: string): string => new URL(name, FIXTURES).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dmar-cli-'));
const file = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('dmar FILE --json (the exact contract of issue 5)', () => {
  it('prints the QEMU q35 table', () => {
    expect(JSON.parse(dmarCommand([fixture('qemu_q35_dmar.bin'), '--json']))).toEqual({
      signature: 'DMAR', length: 120, revision: 1, checksumValid: true, oemId: 'BOCHS', oemTableId: 'BXPC', creatorId: 'BXPC',
      oemRevision: 1, creatorRevision: 1, hostAddressWidth: 39, flags: 1, diagnostics: [],
      structures: [
        {
          type: 'DRHD', offset: 48, length: 64, flags: 0, segment: 0, registerBaseAddress: '0xfed90000',
          deviceScopes: [
            { type: 3, enumerationId: 0, startBus: 0xff, path: [{ device: 0, function: 0 }] },
            { type: 1, enumerationId: 0, startBus: 0, path: [{ device: 0x00, function: 0 }] },
            { type: 1, enumerationId: 0, startBus: 0, path: [{ device: 0x01, function: 0 }] },
            { type: 1, enumerationId: 0, startBus: 0, path: [{ device: 0x1f, function: 0 }] },
            { type: 1, enumerationId: 0, startBus: 0, path: [{ device: 0x1f, function: 2 }] },
            { type: 1, enumerationId: 0, startBus: 0, path: [{ device: 0x1f, function: 3 }] },
          ],
        },
        { type: 'ATSR', offset: 112, length: 8, flags: 1, segment: 0, deviceScopes: [] },
      ],
    });
  });

  it('gives RMRR, RHSA and ANDD their fields, from any of the three formats', () => {
    const fromBin = JSON.parse(dmarCommand([fixture('supermicro_x10dai_2s_hsw.bin'), '--json']));
    expect(JSON.parse(dmarCommand([fixture('supermicro_x10dai_2s_hsw.dsl'), '--json']))).toEqual(fromBin);
    expect(fromBin.structures.filter((s: { type: string }) => s.type !== 'DRHD' && s.type !== 'ATSR').map((s: { deviceScopes?: unknown }) => ({ ...s, deviceScopes: undefined }))).toEqual([
      { type: 'RMRR', offset: 0xd8, length: 0x30, segment: 0, baseAddress: '0x7b461000', endAddress: '0x7b470fff', deviceScopes: undefined },
      { type: 'RHSA', offset: 0x130, length: 0x14, registerBaseAddress: '0xf3ffc000', proximityDomain: 0 },
      { type: 'RHSA', offset: 0x144, length: 0x14, registerBaseAddress: '0xfbffc000', proximityDomain: 1 },
    ]);
    const andd = JSON.parse(dmarCommand([fixture('apple_macbookpro14_3_andd.bin'), '--json'])).structures[3];
    expect(andd).toEqual({ type: 'ANDD', offset: 0xb8, length: 0x1c, acpiDeviceNumber: 1, objectName: '\\_SB.PCI0.I2C0' });
    const acpidump = JSON.parse(dmarCommand([fixture('acpidump_coreboot_x230_xen-devel.txt'), '--json']));
    expect(acpidump).toEqual(JSON.parse(dmarCommand([fixture('lenovo_thinkpad_x230_coreboot.bin'), '--json'])));
  });

  it('still exits 0 on a bad checksum alone (byte 0x9 of qemu_q35_dmar.bin patched here)', () => {
    const bytes = new Uint8Array(readFileSync(fixture('qemu_q35_dmar.bin')));
    bytes[9] = 0x00;
    const out = JSON.parse(dmarCommand([file('bad-checksum.bin', bytes), '--json']));
    expect(out.checksumValid).toBe(false);
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toEqual(['checksum-mismatch']);
  });

  it.each([
    ['not a DMAR', new Uint8Array([0x46, 0x41, 0x43, 0x50, 1, 2, 3, 4]), /not a DMAR table: the signature at 0x0 is "FACP"/],
    ['a truncated header', readFileSync(fixture('qemu_q35_dmar.bin')).subarray(0, 30), /header truncated at 0x1e/],
    ['a truncated table', readFileSync(fixture('qemu_q35_dmar.bin')).subarray(0, 100), /table truncated at 0x64/],
  ])('fails with one line naming the offset for %s', (name, bytes, message) => {
    const path = file(`${name.replace(/ /g, '-')}.bin`, new Uint8Array(bytes));
    expect(() => dmarCommand([path, '--json'])).toThrow(UsageError);
    expect(() => dmarCommand([path, '--json'])).toThrow(message);
  });

  it('prints a readable tree and a lint report', () => {
    const out = dmarCommand([fixture('hp_compaq_6730b_zero_rmrr.bin'), '--lint']);
    expect(out).toContain('RMRR#0 length 0x58 segment 0 0x0-0x0');
    expect(out).toMatch(/^ {2}error {3}0x80 {3}RMRR#0: End equals Base; Linux: "Your BIOS is broken; bad RMRR/m);
  });
});
