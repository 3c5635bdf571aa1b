import { describe, expect, it } from 'vitest';
import { ACS, formatAddress, type PciFunction, type Topology } from './topology.ts';
import { computeGroups } from './iommu-group.ts';
import { p2pWrite, type P2pSettings } from './p2p-path.ts';
import { ncclDecision, ncclPathType } from './p2p-remedies.ts';
import { consumerDesktop, eightGpuServer } from './samples.ts';
import { vfioViability } from './vfio-viability.ts';

const at = (t: Topology, address: string): PciFunction => {
  const f = t.functions.find((x) => formatAddress(x.address) === address);
  if (f === undefined) throw new Error(`no ${address}`);
  return f;
};
/** The server with ACS control cleared on every switch downstream port (setpci … ECAP_ACS+0x6.w=0000). */
const withoutAcsRedirect = (t: Topology): Topology => ({
  functions: t.functions.map((f) => (f.portType === 'downstream-port' && typeof f.acs === 'object' ? { ...f, acs: { ...f.acs, ctl: 0 } } : f)),
});
const withDirectTranslated = (t: Topology): Topology => ({
  functions: t.functions.map((f) => (f.portType === 'downstream-port' && typeof f.acs === 'object' ? { ...f, acs: { ...f.acs, ctl: f.acs.ctl | ACS.DT } } : f)),
});
const IOMMU_ON: P2pSettings = { iommu: 'dma', peerMapped: false, rootComplexP2p: true, atsTranslated: false };
const route = (t: Topology, a: string, b: string, s: P2pSettings) => {
  const r = p2pWrite(t, at(t, a), at(t, b), s);
  return r.kind === 'invalid' ? [r.kind] : [r.kind, r.hops.map((h) => `${h.at} ${h.action}`)];
};

describe('the 8-GPU server', () => {
  const server = eightGpuServer();

  it('gives each GPU, NIC and switch port its own group while ACS is on', () => {
    const groups = computeGroups(server, { ivrs: false, acsRequested: true }).groups;
    expect(groups.length).toBe(server.functions.length);
  });

  it.each([
    // settings                                              GPU 0 → GPU 1 (same switch)
    ['ACS redirect on, DMA domain', IOMMU_ON, ['iommu-fault', ['0000:02:00.0 redirected', '0000:01:00.0 up', '0000:00:01.0 up', 'IOMMU fault']]],
    ['ACS redirect on, iommu=pt', { ...IOMMU_ON, iommu: 'pt' }, ['delivered', ['0000:02:00.0 redirected', '0000:01:00.0 up', '0000:00:01.0 up', 'IOMMU passed', 'root complex across', '0000:00:01.0 down', '0000:01:00.0 down', '0000:02:01.0 down']]],
    ['ACS redirect on, iommu=pt, no P2P in the root complex', { ...IOMMU_ON, iommu: 'pt', rootComplexP2p: false }, ['dropped', ['0000:02:00.0 redirected', '0000:01:00.0 up', '0000:00:01.0 up', 'IOMMU passed', 'root complex dropped']]],
  ] as const)('%s', (_name, settings, expected) => {
    expect(route(server, '0000:03:00.0', '0000:04:00.0', settings)).toEqual(expected);
  });

  it('turns at the switch once ReqRedir is cleared on the downstream ports', () => {
    expect(route(withoutAcsRedirect(server), '0000:03:00.0', '0000:04:00.0', IOMMU_ON)).toEqual(['delivered', ['0000:02:00.0 across', '0000:02:01.0 down']]);
  });

  it('sends ATS-translated requests straight across when DirectTrans is set, even with ReqRedir on', () => {
    const r = p2pWrite(withDirectTranslated(server), at(server, '0000:03:00.0'), at(server, '0000:04:00.0'), { ...IOMMU_ON, atsTranslated: true });
    expect(r.kind === 'delivered' && r.route).toBe('direct-translated');
  });

  it('prints the fault as the Intel IOMMU driver would: the peer BAR used as an IOVA', () => {
    const r = p2pWrite(server, at(server, '0000:03:00.0'), at(server, '0000:04:00.0'), IOMMU_ON);
    expect(r.kind === 'iommu-fault' && r.dmesg).toBe('DMAR: [DMA Write NO_PASID] Request device [03:00.0] fault addr 0xa4000000 [fault reason 0x05] PTE Write access is not set');
  });

  it.each([
    ['0000:03:00.0', '0000:04:00.0', 'PIX', true],
    ['0000:03:00.0', '0000:13:00.0', 'PHB', false],
  ] as const)('NCCL sees %s → %s as %s; P2P on Intel x86 by default: %s', (a, b, type, p2p) => {
    const pathType = ncclPathType(server, at(server, a), at(server, b));
    expect([pathType, ncclDecision(pathType, {}, true).usesP2p]).toEqual([type, p2p]);
  });

  it('NCCL_P2P_DISABLE=1 stages through host memory in two DMAs', () => {
    expect(ncclDecision('PIX', { NCCL_P2P_DISABLE: '1' }, true).transfer.length).toBe(2);
  });
});

describe('the consumer desktop', () => {
  const desktop = consumerDesktop();
  const grouping = computeGroups(desktop, { ivrs: false, acsRequested: true });

  it('puts the graphics card with its PEG root port, which has no ACS', () => {
    const group = grouping.groups.find((g) => g.devices.some((f) => formatAddress(f.address) === '0000:01:00.0'));
    expect(group?.devices.map((f) => formatAddress(f.address))).toEqual(['0000:00:01.0', '0000:01:00.0', '0000:01:00.1']);
  });

  it('refuses to pass the GPU through while its audio function is bound to snd_hda_intel, in QEMU\'s words', () => {
    const v = vfioViability(grouping, '0000:01:00.0');
    expect(v.kind === 'not-viable' && [v.qemuMessage, v.members.filter((m) => !m.ok).map((m) => formatAddress(m.function.address))]).toEqual([
      ['vfio 0000:01:00.0: group 1 is not viable', 'Please ensure all devices within the iommu_group are bound to their vfio bus driver.'],
      ['0000:01:00.1'],
    ]);
  });

  it('accepts the group once the audio function is unbound; pcieport on the root port is allowed', () => {
    const unbound: Topology = { functions: desktop.functions.map((f) => (formatAddress(f.address) === '0000:01:00.1' ? { ...f, driver: undefined } : f)) };
    expect(vfioViability(computeGroups(unbound, { ivrs: false, acsRequested: true }), '0000:01:00.0').kind).toBe('viable');
  });
});
