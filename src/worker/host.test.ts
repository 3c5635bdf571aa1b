import { describe, expect, it } from 'vitest';
import { createEngineHost } from './host.ts';

describe('the engine host answers every request, and never throws', () => {
  it('refuses to translate before a machine exists', () => {
    expect(createEngineHost().handle({ id: 1, type: 'translate', sourceId: '00:02.0', iova: '0x0', access: 'read' })).toEqual({
      id: 1, type: 'invalid-request', field: 'machine', message: 'no machine is loaded',
    });
  });

  it('names the bad field of a machine file', () => {
    expect(createEngineHost().handle({ id: 2, type: 'load-machine', file: { format: 'iommu-lab/machine', version: 1, haw: 99 } })).toEqual({
      id: 2, type: 'invalid-request', field: 'machine', message: 'haw: expected a whole number of bits from 12 to 52',
    });
  });

  it('answers an unknown request type with an internal error, not silence', () => {
    const bogus = { id: 3, type: 'reboot' } as unknown as Parameters<ReturnType<typeof createEngineHost>['handle']>[0];
    expect(createEngineHost().handle(bogus)).toEqual({ id: 3, type: 'internal-error', message: 'unknown request type reboot' });
  });

  it('maps one more buffer in the DMA domain (dma_map_page) and the new IOVA translates to it', () => {
    const host = createEngineHost();
    host.handle({ id: 1, type: 'build-scenario', mode: 'dma', maps: [{ phys: '0x123456000', size: '0x3000' }] });
    const mapped = host.handle({ id: 2, type: 'dma-map', phys: '0x200000abc', size: '0x2000' });
    if (mapped.type !== 'dma-mapped') throw new Error(JSON.stringify(mapped));
    expect(mapped.mapping.hpa).toBe(0x2_0000_0abcn);
    // The page offset is kept in the IOVA (iommu_dma_map_page returns iova + iova_off).
    expect(mapped.mapping.iova & 0xfffn).toBe(0xabcn);
    expect(mapped.scenario.mappings.map((m) => m.hpa)).toEqual([0x1_2345_6000n, 0x2_0000_0abcn]);
    const walked = host.handle({ id: 3, type: 'translate', sourceId: '03:00.0', iova: `0x${(mapped.mapping.iova + 0x10n).toString(16)}`, access: 'write' });
    expect(walked.type === 'translation' && walked.translation.kind === 'ok' && walked.translation.hpa).toBe(0x2_0000_0accn);
  });

  it.each([
    [{ phys: '0x12z', size: '0x1000' }, 'phys', /is not a hex string/],
    [{ phys: '0x200000000', size: 'many' }, 'size', /is not a size/],
    [{ phys: '0xfee00000', size: '0x1000' }, 'phys', /usable RAM/],
  ])('refuses a bad buffer %o, naming %s', (buffer, field, message) => {
    const host = createEngineHost();
    host.handle({ id: 1, type: 'build-scenario', mode: 'dma' });
    const answer = host.handle({ id: 2, type: 'dma-map', ...buffer });
    expect(answer).toMatchObject({ type: 'invalid-request', field });
    expect(answer.type === 'invalid-request' && answer.message).toMatch(message);
  });

  it('has no driver buffers to map in VFIO mode', () => {
    const host = createEngineHost();
    host.handle({ id: 1, type: 'build-scenario', mode: 'vfio' });
    expect(host.handle({ id: 2, type: 'dma-map', phys: '0x200000000', size: '0x1000' })).toMatchObject({ type: 'invalid-request', field: 'mode' });
  });
});

describe('each request is walked by the unit whose scope holds its device', () => {
  it('the iGPU behind dmar0 is walked by dmar0 while the scenario follows the NVMe behind dmar1', () => {
    const host = createEngineHost();
    host.handle({ id: 1, type: 'build-scenario', mode: 'dma' });
    const nvme = host.handle({ id: 2, type: 'translate', sourceId: '03:00.0', iova: '0x1000', access: 'read' });
    expect(nvme.type === 'translation' && nvme.unit.name).toBe('dmar1');
    // 0x7b800000 is the iGPU's RMRR (stolen memory), identity-mapped in its domain.
    const igpu = host.handle({ id: 3, type: 'translate', sourceId: '00:02.0', iova: '0x7b800000', access: 'read' });
    expect(igpu.type === 'translation' && [igpu.unit.name, igpu.translation.kind === 'ok' && igpu.translation.hpa]).toEqual(['dmar0', 0x7b80_0000n]);
  });

  it('in VFIO mode another device on the same unit stays in its host DMA domain: a guest GPA faults there', () => {
    const host = createEngineHost();
    host.handle({ id: 1, type: 'build-scenario', mode: 'vfio' });
    const guest = host.handle({ id: 2, type: 'translate', sourceId: '01:00.0', iova: '0x100234', access: 'read' });
    const nvme = host.handle({ id: 3, type: 'translate', sourceId: '03:00.0', iova: '0x100234', access: 'read' });
    expect(guest.type === 'translation' && guest.translation.kind).toBe('ok');
    expect(nvme.type === 'translation' && nvme.translation.kind === 'fault' && nvme.translation.fault.reason).toBe(0x6);
  });
});
