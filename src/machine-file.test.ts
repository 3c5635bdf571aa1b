import { describe, expect, it } from 'vitest';
import { loadMachine, loadMachineText, saveMachine } from './machine-file.ts';
import { buildScenario } from './linux/scenario.ts';

const GOOD = {
  format: 'iommu-lab/machine',
  version: 1,
  haw: 39,
  cap: '0x0000000c00380e06',
  ecap: '0x40',
  rtaddr: '0x10000',
  translationEnabled: true,
  memory: [{ address: '0x10000', qwords: ['0x11001', '0x0'] }],
};

describe('loading a machine file names the first bad field', () => {
  it.each([
    [[], '(top level): expected a JSON object'],
    [{ ...GOOD, format: 'machine' }, 'format: expected "iommu-lab/machine"'],
    [{ ...GOOD, version: 2 }, 'version: expected 1 (the only version this build reads)'],
    [{ ...GOOD, haw: 64 }, 'haw: expected a whole number of bits from 12 to 52'],
    [{ ...GOOD, haw: '39' }, 'haw: expected a whole number of bits from 12 to 52'],
    [{ ...GOOD, cap: 12 }, 'cap: expected a hex string such as "0x0"'],
    [{ ...GOOD, ecap: '0x1_0000_0000_0000_0000' }, 'ecap: "0x1_0000_0000_0000_0000" is not a hex string (expected 0x followed by hex digits)'],
    [{ ...GOOD, rtaddr: '0x10000000000000000' }, 'rtaddr: "0x10000000000000000" does not fit in 64 bits'],
    [{ ...GOOD, translationEnabled: 1 }, 'translationEnabled: expected true or false'],
    [{ ...GOOD, memory: {} }, 'memory: expected an array of {"address", "qwords"} blocks'],
    [{ ...GOOD, memory: [{ address: '0x10004', qwords: [] }] }, 'memory[0].address: 0x10004 is not 8-byte aligned'],
    [{ ...GOOD, memory: [GOOD.memory[0], GOOD.memory[0], GOOD.memory[0], { address: '0x0', qwords: ['0x1', '0x2', '0x3', '0x4', '0x5', '0x6', '0x7', 'seven'] }] }, 'memory[3].qwords[7]: not a hex string'],
    [{ ...GOOD, memory: [{ address: '0xfffffffffffffff8', qwords: ['0x1', '0x2'] }] }, 'memory[0].qwords: the block runs past the top of the 64-bit address space'],
  ])('%j', (file, error) => {
    expect(loadMachine(file)).toEqual({ ok: false, error });
  });

  it('reports text that is not JSON', () => {
    const result = loadMachineText('{"format": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^not JSON: /);
  });
});

describe('a loaded machine', () => {
  it('has the registers and memory of the file; unwritten memory reads as zero', () => {
    const result = loadMachine(GOOD);
    if (!result.ok) throw new Error(result.error);
    const { machine } = result;
    expect([machine.haw, machine.cap, machine.ecap, machine.rtaddr, machine.translationEnabled]).toEqual([39, 0x0000_000c_0038_0e06n, 0x40n, 0x10000n, true]);
    expect(machine.capFields).toMatchObject({ sagaw: 0b01110, mgaw: 57, sllps: 0b11, nd: 6 });
    expect(machine.ecapFields).toMatchObject({ pt: true, dt: false, sc: false });
    expect(machine.memory.readQword(0x10000n)).toBe(0x11001n);
    expect(machine.memory.readQword(0x10008n)).toBe(0n);
    expect(machine.memory.readQword(0x7fff_f000n)).toBe(0n);
  });

  it('saves to a file that loads back to the same memory', () => {
    const built = buildScenario({ mode: 'dma', maps: [{ phys: 0x1_2345_6000n, size: 0x3000n }] });
    if (!built.ok) throw new Error(built.error);
    const original = built.scenario.machine;
    const file = saveMachine(original);
    const reloaded = loadMachine(JSON.parse(JSON.stringify(file)));
    if (!reloaded.ok) throw new Error(reloaded.error);
    expect(saveMachine(reloaded.machine)).toEqual(file);
    for (const pfn of original.memory.pageFrames()) {
      for (let offset = 0n; offset < 4096n; offset += 8n) {
        const address = (BigInt(pfn) << 12n) + offset;
        if (original.memory.readQword(address) !== reloaded.machine.memory.readQword(address)) throw new Error(`differs at ${address}`);
      }
    }
  });
});
