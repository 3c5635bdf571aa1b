import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerP2p, answerTopology, answerVfio, type P2pRequestFields } from './topology-requests.ts';
import type { TopologyEdits } from './topology-source.ts';

const NO_EDITS: TopologyEdits = { acsCtl: {}, drivers: {} };
const SERVER = { kind: 'sample', sample: 'server' } as const;
const GPU0_TO_GPU1: P2pRequestFields = {
  source: SERVER, edits: NO_EDITS, from: '0000:03:00.0', to: '0000:04:00.0',
  settings: { iommu: 'dma', peerMapped: false, rootComplexP2p: true, atsTranslated: false }, nccl: {},
};
const p2p = (change: Partial<P2pRequestFields>) => {
  const answer = answerP2p({ ...GPU0_TO_GPU1, ...change });
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
};
const groupOf = (edits: TopologyEdits, address: string) => {
  const answer = answerTopology({ source: SERVER, edits });
  if (!answer.ok) throw new Error(answer.error);
  return answer.value.groups.find((g) => g.devices.includes(address))?.devices;
};

describe('the groups after an ACS Control write', () => {
  it('puts GPU 0 with its downstream port once that port\'s ReqRedir is cleared (SV CR UF = 0x0019)', () => {
    expect(groupOf(NO_EDITS, '0000:03:00.0')).toEqual(['0000:03:00.0']);
    expect(groupOf({ acsCtl: { '0000:02:00.0': 0x0019 }, drivers: {} }, '0000:03:00.0')).toEqual(['0000:02:00.0', '0000:03:00.0']);
  });

  it.each([
    // address          ACSCtl   field     message
    ['0000:03:00.0', 0x0001, 'acsCtl', '0000:03:00.0 has no ACS capability to write (none in its capability list)'],
    ['0000:09:00.0', 0x0000, 'acsCtl', 'no function 0000:09:00.0 in this topology'],
    ['0000:02:00.0', 0x0080, 'acsCtl', '0000:02:00.0: ACS Control 0x0080 sets bits above DirectTrans (bit 6), which this model does not know'],
  ])('refuses %s ← %s', (address, value, field, error) => {
    expect(answerTopology({ source: SERVER, edits: { acsCtl: { [address]: value }, drivers: {} } })).toEqual({ ok: false, field, error });
  });
});

describe('an lspci import', () => {
  it('names the first line of text that is not lspci output', () => {
    expect(answerTopology({ source: { kind: 'lspci', text: '\n  hello world\nmore' }, edits: NO_EDITS })).toEqual({
      ok: false, field: 'lspci', error: 'not lspci output: line 2 ("hello world") does not start with a PCI address such as 00:1f.0 or 0000:00:1f.0, and no later line does',
    });
  });

  it('shows the kernel\'s group beside each computed one for the linuxhw dump, and no disagreement', () => {
    const text = readFileSync(new URL('./fixtures/linuxhw_asus_aio_m3702wfa_amd_mendocino.lspci.txt', import.meta.url), 'utf8');
    const answer = answerTopology({ source: { kind: 'lspci', text }, edits: NO_EDITS });
    if (!answer.ok) throw new Error(answer.error);
    const smbus = answer.value.groups.find((g) => g.devices.includes('0000:00:14.0'));
    expect([smbus?.devices, smbus?.reported, answer.value.groups.some((g) => g.disagrees)]).toEqual([['0000:00:14.0', '0000:00:14.3'], [8], false]);
  });
});

describe('the peer write, walked by the engine', () => {
  it('faults 5h in GPU A\'s DMA domain with ACS redirect on: the walk stops at the empty PDPE for the BAR', () => {
    const [walk] = p2p({}).walks;
    expect([walk?.steps.map((s) => s.name), walk?.outcome.kind === 'fault' && walk.outcome.reason, walk?.dmesg]).toEqual([
      ['root entry', 'context entry', 'PML4E', 'PDPE'], '5h',
      'DMAR: [DMA Write NO_PASID] Request device [03:00.0] fault addr 0xa4000000 [fault reason 0x05] PTE Write access is not set',
    ]);
  });

  it('turns at the switch, with no walk, once ReqRedir is off on GPU A\'s downstream port', () => {
    const answer = p2p({ edits: { acsCtl: { '0000:02:00.0': 0x0019 }, drivers: {} } });
    expect([answer.outcome, answer.walks.length]).toEqual([{ kind: 'delivered', route: 'switch' }, 0]);
  });

  it('passes untranslated with iommu=pt: the context entry is TT=10 and the HPA is the BAR', () => {
    const [walk] = p2p({ settings: { ...GPU0_TO_GPU1.settings, iommu: 'pt' } }).walks;
    expect(walk?.outcome).toEqual({ kind: 'ok', hpa: '0xa4000000', route: 'pass-through' });
  });

  it('reaches the BAR through the IOVA dma_map_resource gave it, below the reserved MSI window', () => {
    const [walk] = p2p({ settings: { ...GPU0_TO_GPU1.settings, peerMapped: true } }).walks;
    expect([walk?.iova, walk?.outcome]).toEqual(['0xfd000000', { kind: 'ok', hpa: '0xa4000000', route: 'translated' }]);
  });

  it('stages through host memory in two walked DMAs with NCCL_P2P_DISABLE=1', () => {
    const answer = p2p({ nccl: { NCCL_P2P_DISABLE: '1' } });
    expect(answer.walks.slice(1).map((w) => [w.sourceId, w.access, w.iova, w.outcome.kind === 'ok' && w.outcome.hpa])).toEqual([
      ['03:00.0', 'write', '0xffe00000', '0x180000000'],
      ['04:00.0', 'read', '0xffe00000', '0x180000000'],
    ]);
  });
});

describe('VFIO viability on the desktop', () => {
  const DESKTOP = { kind: 'sample', sample: 'desktop' } as const;
  it('is not viable while the GPU\'s audio function has snd_hda_intel, and viable once it is bound to vfio-pci', () => {
    const before = answerVfio({ source: DESKTOP, edits: NO_EDITS, device: '0000:01:00.0', rules: 'dma-ownership' });
    const after = answerVfio({ source: DESKTOP, edits: { acsCtl: {}, drivers: { '0000:01:00.1': 'vfio-pci' } }, device: '0000:01:00.0', rules: 'dma-ownership' });
    expect([before.ok && before.value.message[0], after.ok && after.value.viable]).toEqual(['vfio 0000:01:00.0: group 1 is not viable', true]);
  });
});
