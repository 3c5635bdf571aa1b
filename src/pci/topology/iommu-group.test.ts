import { describe, expect, it } from 'vitest';
import { ACS_OFF, ACS_ON, pciFunction, type FunctionSpec } from './build-topology.ts';
import { computeGroups } from './iommu-group.ts';
import type { Platform } from './acs.ts';
import { formatAddress, probeOrder, type Topology } from './topology.ts';

// Spec-like: a topology as lspci would show it, then the groups pci_device_group() makes.
const INTEL_IOMMU: Platform = { ivrs: false, acsRequested: true };
const topology = (...specs: FunctionSpec[]): Topology => ({ functions: probeOrder(specs.map(pciFunction)) });
const short = (address: string): string => address.replace(/^0000:/, '');
/** Groups as sorted lists of "BB:DD.F", in allocation order. */
function groupsOf(t: Topology, platform: Platform = INTEL_IOMMU): string[][] {
  return computeGroups(t, platform).groups.map((g) => g.devices.map((f) => short(formatAddress(f.address))));
}
function whyOf(t: Topology, address: string, platform: Platform = INTEL_IOMMU): string {
  const g = computeGroups(t, platform).groups.find((x) => x.devices.some((f) => short(formatAddress(f.address)) === address));
  return g?.why.join('\n') ?? '';
}

const host = { at: '00:00.0', ids: '8086:3e30', classCode: 0x0600, description: 'Host bridge', type: 'pci' } as const;
const rp = (at: string, buses: string, acs?: FunctionSpec['acs'], ids = '8086:347a'): FunctionSpec =>
  ({ at, ids, classCode: 0x0604, description: 'Root Port', type: 'root-port', buses, ...(acs === undefined ? {} : { acs }) });
const ep = (at: string, extra: Partial<FunctionSpec> = {}): FunctionSpec =>
  ({ at, ids: '10de:2330', classCode: 0x0302, description: 'GPU', type: 'endpoint', ...extra });
const dsp = (at: string, buses: string, acs: NonNullable<FunctionSpec['acs']>): FunctionSpec =>
  ({ at, ids: '1000:c030', classCode: 0x0604, description: 'Switch DSP', type: 'downstream-port', buses, acs });
const usp = (at: string, buses: string): FunctionSpec => ({ at, ids: '1000:c030', classCode: 0x0604, description: 'Switch USP', type: 'upstream-port', buses });

describe('pci_device_group(), rule by rule (Linux 6.18)', () => {
  it('an endpoint below a root port with SV RR CR UF enabled gets a group of its own', () => {
    expect(groupsOf(topology(host, rp('00:01.0', '01-01', ACS_ON), ep('01:00.0')))).toEqual([['00:00.0'], ['00:01.0'], ['01:00.0']]);
  });

  it('a root port without an ACS capability takes its endpoints into its own group', () => {
    const t = topology(host, rp('00:01.0', '01-01'), ep('01:00.0'));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0', '01:00.0']]);
    expect(whyOf(t, '01:00.0')).toMatch(/not isolated below 0000:00:01.0, because 0000:00:01.0 \(root port\): no ACS capability/);
  });

  it('a root port whose ACSCtl lacks ReqRedir is named with the missing bit', () => {
    const t = topology(host, rp('00:01.0', '01-01', { cap: ['SV', 'RR', 'CR', 'UF'], ctl: ['SV', 'CR', 'UF'] }), ep('01:00.0'));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0', '01:00.0']]);
    expect(whyOf(t, '01:00.0')).toMatch(/ACSCtl lacks ReqRedir$/m);
  });

  it('controls missing from ACSCap count as hard-wired on (pci_acs_flags_enabled)', () => {
    // Only SV is controllable and it is on: RR, CR, UF are "hard-wired enabled".
    const t = topology(host, rp('00:01.0', '01-01', { cap: ['SV'], ctl: ['SV'] }), ep('01:00.0'));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0'], ['01:00.0']]);
  });

  it('switch downstream ports with ACS on isolate each GPU', () => {
    const t = topology(host, rp('00:01.0', '01-04', ACS_ON), usp('01:00.0', '02-04'), dsp('02:00.0', '03-03', ACS_ON), dsp('02:01.0', '04-04', ACS_ON), ep('03:00.0'), ep('04:00.0'));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0'], ['01:00.0'], ['02:00.0'], ['02:01.0'], ['03:00.0'], ['04:00.0']]);
  });

  it('with ACS cleared on the downstream ports each GPU only joins its own port (the classic algorithm\'s gap)', () => {
    const t = topology(host, rp('00:01.0', '01-04', ACS_ON), usp('01:00.0', '02-04'), dsp('02:00.0', '03-03', ACS_OFF), dsp('02:01.0', '04-04', ACS_OFF), ep('03:00.0'), ep('04:00.0'));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0'], ['01:00.0'], ['02:00.0', '03:00.0'], ['02:01.0', '04:00.0']]);
    expect(whyOf(t, '03:00.0')).toMatch(/0000:02:00.0 \(switch downstream port\): ACSCtl lacks SrcValid ReqRedir CmpltRedir UpstreamFwd/);
  });

  it('a root port without ACS above a switch pulls the whole switch into its group', () => {
    const t = topology(host, rp('00:01.0', '01-04'), usp('01:00.0', '02-04'), dsp('02:00.0', '03-03', ACS_ON), dsp('02:01.0', '04-04', ACS_ON), ep('03:00.0'), ep('04:00.0'));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0', '01:00.0', '02:00.0', '02:01.0', '03:00.0', '04:00.0']]);
  });

  it('devices behind a PCIe-to-PCI bridge alias to it (pci_for_each_dma_alias)', () => {
    const t = topology(host, rp('00:1e.0', '05-06', ACS_ON),
      { at: '05:00.0', ids: '104c:8240', classCode: 0x0604, description: 'PCIe-to-PCI bridge', type: 'pcie-to-pci-bridge', buses: '06-06' },
      { at: '06:01.0', ids: '1106:3044', classCode: 0x0c00, description: 'FireWire', type: 'pci' },
      { at: '06:02.0', ids: '13f6:8788', classCode: 0x0401, description: 'Sound card', type: 'pci' });
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:1e.0'], ['05:00.0', '06:01.0', '06:02.0']]);
    expect(whyOf(t, '06:01.0')).toMatch(/reaches the IOMMU as 0000:06:00.0 \(0000:05:00.0 is a PCIe-to-PCI bridge/);
  });

  it('functions of a multifunction endpoint without ACS share a group (get_pci_function_alias_group)', () => {
    const t = topology(host, rp('00:01.0', '01-01', ACS_ON), ep('01:00.0', { multifunction: true }), ep('01:00.1', { ids: '10de:228b', multifunction: true }));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0'], ['01:00.0', '01:00.1']]);
  });

  it('a multifunction endpoint whose ACS capability controls nothing is isolated per function', () => {
    const none = { cap: [], ctl: [] } as const;
    const t = topology(host, rp('00:01.0', '01-01', ACS_ON), ep('01:00.0', { multifunction: true, acs: none }), ep('01:00.1', { multifunction: true, acs: none }));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:01.0'], ['01:00.0'], ['01:00.1']]);
  });

  it('conventional PCI functions of one slot on the root bus share a group', () => {
    const pch = (at: string): FunctionSpec => ({ at, ids: '8086:a305', classCode: 0x0601, description: 'PCH', type: 'pci', multifunction: true });
    expect(groupsOf(topology(host, pch('00:1f.0'), pch('00:1f.3'), pch('00:1f.4')))).toEqual([['00:00.0'], ['00:1f.0', '00:1f.3', '00:1f.4']]);
  });

  it('a Marvell SATA controller that DMAs as function 1 shares a group with function 1 (quirk_dma_func1_alias)', () => {
    const none = { cap: [], ctl: [] } as const;
    const t = topology(host, rp('00:1c.0', '07-07', ACS_ON),
      ep('07:00.0', { ids: '1b4b:9123', classCode: 0x0106, multifunction: true, acs: none }),
      ep('07:00.1', { ids: '1b4b:91a4', classCode: 0x0101, multifunction: true, acs: none }));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:1c.0'], ['07:00.0', '07:00.1']]);
    expect(whyOf(t, '07:00.1')).toMatch(/DMA aliases of each other \(quirk_dma_func1_alias/);
  });
});

describe('pci_dev_acs_enabled[] quirks', () => {
  it('Intel 82576 functions are trusted not to talk to each other (pci_quirk_mf_endpoint_acs)', () => {
    const nic = (at: string, ids: string): FunctionSpec => ep(at, { ids, classCode: 0x0200, multifunction: true });
    expect(groupsOf(topology(host, rp('00:01.0', '01-01', ACS_ON), nic('01:00.0', '8086:10c9'), nic('01:00.1', '8086:10c9'))))
      .toEqual([['00:00.0'], ['00:01.0'], ['01:00.0'], ['01:00.1']]);
    // The quad-port 82576 (10e8 is listed, 1526 too) vs an unlisted ID: the unlisted pair stays together.
    expect(groupsOf(topology(host, rp('00:01.0', '01-01', ACS_ON), nic('01:00.0', '8086:10ca'), nic('01:00.1', '8086:10ca'))))
      .toEqual([['00:00.0'], ['00:01.0'], ['01:00.0', '01:00.1']]);
  });

  it('a Cougar Point PCH root port without an ACS capability isolates once the kernel enabled its quirk', () => {
    const t = topology(host, rp('00:1c.0', '02-02', undefined, '8086:1c10'), ep('02:00.0', { ids: '10ec:8168' }));
    expect(groupsOf(t)).toEqual([['00:00.0'], ['00:1c.0'], ['02:00.0']]);
    expect(groupsOf(t, { ivrs: false, acsRequested: false })).toEqual([['00:00.0'], ['00:1c.0', '02:00.0']]);
    expect(whyOf(t, '02:00.0')).toMatch(/pci_quirk_intel_pch_acs says isolated/);
  });

  it('AMD southbridge functions are trusted only when an IVRS table exists (pci_quirk_amd_sb_acs)', () => {
    const sb = (at: string, ids: string): FunctionSpec => ({ at, ids, classCode: 0x0c05, description: 'SB', type: 'pci', multifunction: true });
    const t = topology(sb('00:14.0', '1002:4385'), sb('00:14.2', '1002:4383'));
    expect(groupsOf(t, { ivrs: true, acsRequested: true })).toEqual([['00:14.0'], ['00:14.2']]);
    expect(groupsOf(t, { ivrs: false, acsRequested: true })).toEqual([['00:14.0', '00:14.2']]);
  });

  it('a Wangxun NIC not in the quirk\'s list is declared not isolated rather than left to the generic rules', () => {
    const hardwired = { cap: [], ctl: [] } as const;
    const nic = (at: string, ids: string): FunctionSpec => ep(at, { ids, classCode: 0x0200, multifunction: true, acs: hardwired });
    expect(groupsOf(topology(host, rp('00:01.0', '01-01', ACS_ON), nic('01:00.0', '8088:1001'), nic('01:00.1', '8088:1001'))))
      .toEqual([['00:00.0'], ['00:01.0'], ['01:00.0'], ['01:00.1']]);
    expect(groupsOf(topology(host, rp('00:01.0', '01-01', ACS_ON), nic('01:00.0', '8088:7777'), nic('01:00.1', '8088:7777'))))
      .toEqual([['00:00.0'], ['00:01.0'], ['01:00.0', '01:00.1']]);
  });
});

describe('missing information', () => {
  it('a port whose capabilities lspci could not read is assumed not isolating, and the group says it is uncertain', () => {
    const t = topology(host, rp('00:01.0', '01-01', 'unknown'), ep('01:00.0'));
    const grouping = computeGroups(t, INTEL_IOMMU);
    expect(grouping.groups.map((g) => g.uncertain)).toEqual([false, true]);
  });
});
