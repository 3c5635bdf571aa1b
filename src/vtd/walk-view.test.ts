import { describe, expect, it } from 'vitest';
import { iova } from '../hex.ts';
import { givenMachine, translateAt } from './testing.ts';
import { describeWalk } from './walk-view.ts';

const machine = givenMachine({ cap: 0x0000_000c_0038_0e06n, rtaddr: 0x10000n }, {
  '0x10000': 0x0000_0000_0001_1001n,
  '0x11100': 0x0000_0000_0002_0001n, '0x11108': 0x0000_0000_0000_0202n,
  '0x20000': 0x0000_0000_0002_1003n, '0x21000': 0x0000_0000_0002_2003n, '0x22000': 0x0000_0000_0002_3003n,
  '0x23008': 0x0000_0000_7bf0_1003n, '0x23010': 0x0000_0000_7bf0_2001n,
  '0x22008': 0x0000_0004_0020_0083n,
});

describe('the view of a walk', () => {
  it('cuts the DMA address into the index bits of each level and the page offset', () => {
    const t = translateAt(machine, '00:02.0', 0x1234n);
    expect(describeWalk(machine, iova(0x1234n), t).slices).toEqual([
      { kind: 'pml4', hi: 47, lo: 39, value: 0n },
      { kind: 'pdpt', hi: 38, lo: 30, value: 0n },
      { kind: 'pd', hi: 29, lo: 21, value: 0n },
      { kind: 'pt', hi: 20, lo: 12, value: 1n },
      { kind: 'offset', hi: 11, lo: 0, value: 0x234n },
    ]);
  });

  it('keeps 21 offset bits for a 2 MiB page', () => {
    const t = translateAt(machine, '00:02.0', 0x2a_bcden);
    expect(describeWalk(machine, iova(0x2a_bcden), t).slices.at(-1)).toEqual({ kind: 'offset', hi: 20, lo: 0, value: 0xa_bcden });
  });

  it('shows each entry read among its neighbours, clamped at the start of the table', () => {
    const t = translateAt(machine, '00:02.0', 0x1234n);
    const { windows } = describeWalk(machine, iova(0x1234n), t);
    expect(windows[5]?.rows.map((r) => [r.index, r.address, r.raw, r.present])).toEqual([
      [0, 0x23000n, [0n], false],
      [1, 0x23008n, [0x7bf0_1003n], true],
      [2, 0x23010n, [0x7bf0_2001n], true],
      [3, 0x23018n, [0n], false],
      [4, 0x23020n, [0n], false],
    ]);
    expect(windows[1]?.rows.map((r) => r.index)).toEqual([14, 15, 16, 17, 18]);
    expect(windows[1]?.rows[2]).toEqual({ index: 16, address: 0x11100n, raw: [0x20001n, 0x202n], present: true });
  });
});
