import { describe, expect, it } from 'vitest';
import { createEngineHost } from '../worker/host.ts';

describe("the worker's build-scenario request", () => {
  it('answers with the summary, mappings, call path and boot log, and makes the machine the one translate walks', () => {
    const host = createEngineHost();
    const built = host.handle({ id: 1, type: 'build-scenario', mode: 'dma', device: '03:00.0', maps: [{ phys: '0x123456789', size: '0x3000' }] });
    expect(built.type).toBe('scenario');
    if (built.type !== 'scenario') return;
    expect(built.machine).toMatchObject({ haw: 39, translationEnabled: true, rtaddr: 0x4000_0000n });
    expect(built.scenario.mappings).toMatchObject([{ kind: 'dma-map', iova: 0xffff_c789n, hpa: 0x1_2345_6789n, size: 0x3000n }]);
    expect(built.scenario.callPath.applies).toBe('current');
    expect(built.scenario.bootLog).toContain('DMAR: Intel(R) Virtualization Technology for Directed I/O');
    expect(structuredClone(built)).toEqual(built);
    const walked = host.handle({ id: 2, type: 'translate', sourceId: '03:00.0', iova: '0xffffc789', access: 'read' });
    expect(walked.type === 'translation' && walked.translation.kind === 'ok' && walked.translation.hpa).toBe(0x1_2345_6789n);
  });

  it('keeps the older request types working alongside', () => {
    const host = createEngineHost();
    expect(host.handle({ id: 2, type: 'build-scenario', mode: 'pt' }).type).toBe('scenario');
    const walked = host.handle({ id: 3, type: 'translate', sourceId: '03:00.0', iova: '0x1234', access: 'read' });
    expect(walked.type === 'translation' && walked.translation.kind === 'ok' && walked.translation.route).toBe('pass-through');
  });

  it.each([
    [{ mode: 'iommu' }, 'mode', /^"iommu" is not one of disabled, pt, dma, vfio$/],
    [{ mode: 'dma', kernel: '7' }, 'kernel', /is not a kernel version/],
    [{ mode: 'dma', ramSize: 'lots' }, 'ramSize', /is not a size/],
    [{ mode: 'dma', maps: [{ phys: '0x1000', size: 'big' }] }, 'maps[0].size', /is not a size/],
    [{ mode: 'vfio', hugepages: '3MiB' }, 'hugepages', /is not one of 4KiB, 2MiB, 1GiB/],
    [{ mode: 'dma', device: '00:1f.3' }, 'device', /^no device 00:1f.3/],
  ])('%o is an invalid request naming %s', (fields, field, message) => {
    const answer = createEngineHost().handle({ id: 7, type: 'build-scenario', ...fields });
    expect(answer).toMatchObject({ id: 7, type: 'invalid-request', field });
    expect(answer.type === 'invalid-request' && answer.message).toMatch(message);
  });
});
