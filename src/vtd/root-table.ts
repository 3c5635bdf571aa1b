import type { Hpa } from '../hex.ts';
import { busOf, devfnOf, type SourceId } from '../pci/source-id.ts';
import { encodeContextEntry, type TranslationType } from './context-entry.ts';
import type { FrameAllocator } from './frame-allocator.ts';
import type { PhysicalMemory } from './memory.ts';
import { decodeRootEntry, encodeRootEntry } from './root-entry.ts';

export interface ContextEntryFields {
  readonly tt: TranslationType;
  readonly slptptr: Hpa;
  readonly aw: number;
  readonly did: number;
  readonly fpd?: boolean;
}

/**
 * Programs the legacy context entry of one source-id, allocating the bus's context table on
 * first use, as Linux's domain_context_mapping_one does through iommu_context_addr (root entry
 * P=1 with the new table's address). Returns false when no frame is left for the context table.
 */
export function setContextEntry(
  memory: PhysicalMemory,
  allocator: FrameAllocator,
  target: { rootTable: Hpa; sourceId: SourceId },
  fields: ContextEntryFields,
): boolean {
  const rootAddress = target.rootTable + BigInt(busOf(target.sourceId) * 16);
  let root = decodeRootEntry(memory.readQword(rootAddress), memory.readQword(rootAddress + 8n));
  if (!root.present) {
    const table = allocator.alloc();
    if (table === undefined) return false;
    const [lo, hi] = encodeRootEntry({ present: true, ctp: table });
    memory.writeQword(rootAddress, lo);
    memory.writeQword(rootAddress + 8n, hi);
    root = decodeRootEntry(lo, hi);
  }
  const contextAddress = root.ctp + BigInt(devfnOf(target.sourceId) * 16);
  const [lo, hi] = encodeContextEntry({ present: true, ...fields });
  memory.writeQword(contextAddress, lo);
  memory.writeQword(contextAddress + 8n, hi);
  return true;
}
