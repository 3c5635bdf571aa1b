import { hpa, iova } from './hex.ts';
import { sourceId } from './pci/source-id.ts';
import { createFrameAllocator } from './vtd/frame-allocator.ts';
import { createMachine, type Machine } from './vtd/machine.ts';
import { PhysicalMemory } from './vtd/memory.ts';
import { createDomain, map } from './vtd/page-table.ts';
import { encodeCap, encodeEcap } from './vtd/registers.ts';
import { setContextEntry } from './vtd/root-table.ts';

/**
 * A small built-in machine: one remapping unit with 39- and 48-bit AGAWs, 2 MiB and 1 GiB
 * pages and pass-through; the integrated GPU 00:02.0 in a 4-level DMA domain (DID 2) with a few
 * buffers mapped, and the USB controller 00:14.0 in pass-through (DID 1, as Linux's identity
 * domain). Its tables sit in a page-table region at 0x7f000000.
 */
export function buildSampleMachine(): Machine {
  const memory = new PhysicalMemory();
  const allocator = createFrameAllocator(memory, { base: hpa(0x7f00_0000n), limit: hpa(0x7f80_0000n) });
  const rootTable = allocator.alloc();
  if (rootTable === undefined) throw new Error('sample machine: no frame for the root table');
  const cap = encodeCap({ sagaw: 0b00110, mgaw: 48, sllps: 0b0011 });
  const machine = createMachine(
    { haw: 39, cap, ecap: encodeEcap({ qi: true, pt: true, ir: true }), rtaddr: rootTable, translationEnabled: true },
    memory,
  );
  const domain = createDomain(memory, allocator, { did: 2, aw: 2, cap: machine.capFields });
  if (domain === undefined) throw new Error('sample machine: no frame for the page tables');
  const buffers = [
    { iova: iova(0xffff_f000n), hpa: hpa(0x7bf0_1000n), size: 0x1000n },
    { iova: iova(0xfffe_0000n), hpa: hpa(0x1_2340_0000n), size: 0x1_0000n },
    { iova: iova(0xffc0_0000n), hpa: hpa(0x2_0000_0000n), size: 0x20_0000n },
  ];
  for (const buffer of buffers) {
    const result = map(domain, { ...buffer, perm: { r: true, w: true } });
    if (!result.ok) throw new Error(`sample machine: ${result.error}`);
  }
  const readOnly = map(domain, { iova: iova(0xfffd_0000n), hpa: hpa(0x7bf0_0000n), size: 0x1000n, perm: { r: true, w: false } });
  if (!readOnly.ok) throw new Error(`sample machine: ${readOnly.error}`);
  const gpu = setContextEntry(memory, allocator, { rootTable, sourceId: sourceId(0, 2, 0) }, { tt: 0, slptptr: domain.pgd, aw: 2, did: 2 });
  const usb = setContextEntry(memory, allocator, { rootTable, sourceId: sourceId(0, 0x14, 0) }, { tt: 2, slptptr: hpa(0n), aw: 2, did: 1 });
  if (!gpu || !usb) throw new Error('sample machine: no frame for a context table');
  return machine;
}

/** The request the sample page translates first: the GPU reading its first buffer. */
export const SAMPLE_REQUEST = { sourceId: '00:02.0', iova: '0xfffff234', access: 'read' } as const;
