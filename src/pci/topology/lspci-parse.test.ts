import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { computeGroups } from './iommu-group.ts';
import { parseLspci } from './lspci-parse.ts';
import { compareWithReported } from './reported-groups.ts';
import { formatAddress, type Topology } from './topology.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const find = (t: Topology, address: string) => t.functions.find((f) => formatAddress(f.address) === address);

describe('lspci -vvv header forms', () => {
  it.each([
    // text                                                                                   address          ids           class
    ['00:1c.0 PCI bridge [0604]: Intel Corporation 7 Series/C210 Series Chipset Family PCI Express Root Port 1 [8086:1e10] (rev c4)', '0000:00:1c.0', [0x8086, 0x1e10], 0x0604],
    ['0000:65:00.0 3D controller [0302]: NVIDIA Corporation GH100 [H100 SXM5 80GB] [10de:2330] (rev a1)', '0000:65:00.0', [0x10de, 0x2330], 0x0302],
    ['10000:e0:06.0 PCI bridge [0604]: Intel Corporation 12th Gen Core Processor PCI Express x4 Controller #0 [8086:464d] (rev 02)', '10000:e0:06.0', [0x8086, 0x464d], 0x0604],
    ['00:1f.3 Audio device: Intel Corporation Cannon Lake PCH cAVS (rev 10)', '0000:00:1f.3', [undefined, undefined], undefined],
  ])('%s', (text, address, [vendor, device], classCode) => {
    const f = parseLspci(`${text}\n`).topology.functions[0];
    expect([f && formatAddress(f.address), f?.vendorId, f?.deviceId, f?.classCode]).toEqual([address, vendor, device, classCode]);
  });
});

describe('lspci -vvv details', () => {
  const dump = [
    '00:01.0 PCI bridge [0604]: Intel Corporation 6th-10th Gen Core Processor PCIe Controller (x16) [8086:1901] (rev 0d) (prog-if 00 [Normal decode])',
    '\tBus: primary=00, secondary=01, subordinate=01, sec-latency=0',
    '\tCapabilities: [a0] Express (v2) Root Port (Slot+), MSI 00',
    '\tCapabilities: [140 v1] Access Control Services',
    '\t\tACSCap:\tSrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-',
    '\t\tACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd- EgressCtrl- DirectTrans-',
    '',
    '01:00.0 VGA compatible controller [0300]: NVIDIA Corporation GA104 [GeForce RTX 3070] [10de:2484] (rev a1) (prog-if 00 [VGA controller])',
    '\tIOMMU group: 1',
    '\tRegion 0: Memory at f6000000 (32-bit, non-prefetchable) [size=16M]',
    '\tRegion 1: Memory at e0000000 (64-bit, prefetchable) [size=256M]',
    '\tRegion 5: I/O ports at e000 [size=128]',
    '\tCapabilities: <access denied>',
    '\tKernel driver in use: vfio-pci',
    '',
  ].join('\n');
  const { topology, diagnostics } = parseLspci(dump);

  it('reads the bus range, PCIe port type and both ACS registers of a bridge', () => {
    const port = find(topology, '0000:00:01.0');
    expect([port?.busRange, port?.portType, port?.acs]).toEqual([{ primary: 0, secondary: 1, subordinate: 1 }, 'root-port', { cap: 0x1f, ctl: 0x0d }]);
  });

  it('reads BARs, the driver and the reported group, and leaves ACS unknown when access was denied', () => {
    const gpu = find(topology, '0000:01:00.0');
    expect(gpu?.bars.map((b) => [b.index, b.kind, b.address, b.size, b.prefetchable])).toEqual([
      [0, 'memory', 0xf600_0000n, 16n << 20n, false],
      [1, 'memory', 0xe000_0000n, 256n << 20n, true],
      [5, 'io', 0xe000n, 128n, false],
    ]);
    expect([gpu?.driver, gpu?.reportedGroup, gpu?.portType, gpu?.acs]).toEqual(['vfio-pci', 1, 'unknown', 'unknown']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['access-denied', 8]]);
  });

  it('rejects text with no function header', () => {
    expect(parseLspci('hello\nworld\n').diagnostics.map((d) => d.code)).toEqual(['not-lspci-output']);
  });
});

describe('lspci -tv', () => {
  it('fills in a bus range the -vvv text lacks and flags one it contradicts', () => {
    const text = [
      '00:1c.0 PCI bridge [0604]: Intel Corporation Device [8086:a338]',
      '00:1d.0 PCI bridge [0604]: Intel Corporation Device [8086:a330]',
      '\tBus: primary=00, secondary=03, subordinate=03, sec-latency=0',
      '02:00.0 Ethernet controller [0200]: Realtek [10ec:8168]',
      '03:00.0 Non-Volatile memory controller [0108]: Samsung [144d:a808]',
      '',
      '-[0000:00]-+-1c.0-[02]----00.0  Realtek Semiconductor Co., Ltd. RTL8111',
      '           \\-1d.0-[04]----00.0  Samsung Electronics Co Ltd NVMe SSD Controller',
    ].join('\n');
    const { topology, diagnostics } = parseLspci(text);
    expect(find(topology, '0000:00:1c.0')?.busRange).toEqual({ primary: 0, secondary: 2, subordinate: 2 });
    expect(diagnostics.filter((d) => d.code === 'tree-disagrees').map((d) => d.line)).toEqual([8, 8]);
  });
});

describe('a real machine against the kernel that ran it (linuxhw/LsPCI, ASUS AIO M3702WFA, Linux 6.8)', () => {
  const { topology, diagnostics } = parseLspci(fixture('linuxhw_asus_aio_m3702wfa_amd_mendocino.lspci.txt'));
  const grouping = computeGroups(topology, { ivrs: true, acsRequested: true });
  const comparison = compareWithReported(topology, grouping);

  it('parses all 30 functions, including 00:08.1 whose details a stray pcilib line interrupts', () => {
    expect(topology.functions.length).toBe(30);
    expect(find(topology, '0000:00:08.1')?.acs).toEqual({ cap: 0x5f, ctl: 0x1d });
  });

  it('agrees with every "IOMMU group" line', () => {
    expect(comparison.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    // Reported group numbers per computed group, in order: the kernel's numbering, 0 to 19.
    expect([...comparison.reportedOf.values()].flat()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('groups the GPU and its HDMI audio apart: their ACS capability controls nothing, so it is hard-wired on', () => {
    const groupOf = (a: string) => grouping.groups.find((g) => g.devices.some((f) => formatAddress(f.address) === a))?.id;
    expect(groupOf('0000:04:00.0')).not.toBe(groupOf('0000:04:00.1'));
  });

  it('explains the two functions the kernel left out: the AMD IOMMU and its root complex were never probed', () => {
    // They cannot agree: no IOMMU probes the IOMMU's own function; pci_device_group() would still group them.
    expect(comparison.diagnostics.filter((d) => d.code === 'no-reported-group').map((d) => d.message.slice(0, 26))).toEqual(['0000:00:00.0, 0000:00:00.2']);
    expect(diagnostics).toEqual([]);
  });
});

test.prop([fc.string({ maxLength: 2000 })])('parseLspci never throws on any text', (text) => {
  const { diagnostics } = parseLspci(text);
  return diagnostics.every((d) => d.line >= 0);
});

test.prop([fc.array(fc.nat(), { maxLength: 40 })])('parseLspci never throws on a real dump with lines dropped', (drops) => {
  const lines = fixture('linuxhw_asus_aio_m3702wfa_amd_mendocino.lspci.txt').split('\n');
  const kept = lines.filter((_, i) => !drops.includes(i % 600));
  const parsed = parseLspci(kept.join('\n'));
  computeGroups(parsed.topology, { ivrs: true, acsRequested: true });
  return true;
});
