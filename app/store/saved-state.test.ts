import { describe, expect, it } from 'vitest';
import { readStoredState, readUrlState, storedStateText, urlSearch } from './saved-state.ts';

describe('the URL holds the mode and the request', () => {
  it('round-trips', () => {
    const setup = { mode: 'vfio', hwPassThrough: false, machine: 'dmar', kernel: '6.12', ramSize: '32GiB', device: '01:00.0' } as const;
    const search = urlSearch(setup, { sourceId: '01:00.0', iova: '0x100000', access: 'write' });
    expect(search).toBe('?machine=dmar&mode=vfio&hwpt=0&kernel=6.12&ram=32GiB&dev=01%3A00.0&sid=01%3A00.0&iova=0x100000&access=write');
    expect(readUrlState(search)).toEqual({ setup, request: { sourceId: '01:00.0', iova: '0x100000', access: 'write' }, problems: [] });
  });

  it.each([
    ['?mode=turbo', 'the link\'s mode "turbo" is not one of disabled, pt, dma, vfio'],
    ['?hwpt=yes', 'the link\'s hwpt "yes" is not 0 or 1'],
    ['?machine=cray', 'the link\'s machine "cray" is not sample or dmar'],
    ['?kernel=2.6', 'the link\'s kernel "2.6" is not one of 4.19, 5.10, 6.6, 6.12'],
    ['?ram=1TiB', 'the link\'s RAM size "1TiB" is not one of 4GiB, 8GiB, 16GiB, 32GiB, 64GiB'],
    ['?sid=00:02.0&iova=0x0&access=exec', 'the link\'s access "exec" is not read or write'],
    ['?sid=00:02.0', 'the link names only one of sid and iova: both are needed for a request'],
  ])('names what is wrong in %s and applies none of it', (search, problem) => {
    const state = readUrlState(search);
    expect(state.problems).toEqual([problem]);
    expect(state.request).toBeUndefined();
  });

  it('keeps the parameters other views own', () => {
    expect(urlSearch({ mode: 'dma', hwPassThrough: true, machine: 'sample', kernel: '6.6', ramSize: '16GiB', device: '' }, { sourceId: '03:00.0', iova: '0x1', access: 'read' }, '?view=dmar&mode=pt')).toBe(
      '?view=dmar&mode=dma&machine=sample&hwpt=1&kernel=6.6&ram=16GiB&dev=&sid=03%3A00.0&iova=0x1&access=read',
    );
  });

  it('leaves the BDF and address as typed: the engine names a bad one when it translates', () => {
    expect(readUrlState('?sid=zz&iova=nothex').request).toEqual({ sourceId: 'zz', iova: 'nothex', access: 'read' });
  });
});

describe('the state saved for a reload', () => {
  it('restores what was saved', () => {
    const text = storedStateText({ mode: 'pt', hwPassThrough: true, machine: 'sample', kernel: '6.6', ramSize: '16GiB', device: '' }, { sourceId: '03:00.0', iova: '0x2000', access: 'read' }, true);
    expect(readStoredState(text)).toMatchObject({ setup: { mode: 'pt', hwPassThrough: true }, request: { iova: '0x2000' }, presenter: true, problems: [] });
  });
  it.each([
    ['{not json', 'the saved state of the last visit was not JSON and was ignored'],
    ['42', 'the saved state of the last visit was not an object and was ignored'],
    ['{"search":"?mode=x"}', 'the saved state\'s mode "x" is not one of disabled, pt, dma, vfio'],
  ])('reports %s and ignores it', (text, problem) => {
    expect(readStoredState(text).problems).toEqual([problem]);
  });
});
