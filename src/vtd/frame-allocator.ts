import { hpa, type Hpa } from '../hex.ts';
import type { PhysicalMemory } from './memory.ts';
import { PAGE_SIZE } from './memory.ts';

/** Hands out zeroed 4 KiB frames for root, context and page tables, as the kernel's page allocator would. */
export interface FrameAllocator {
  /** A zeroed frame, or undefined when the region is used up. */
  alloc(): Hpa | undefined;
  /** Returns a frame; it reads as zero again. */
  free(frame: Hpa): void;
  /** Frames handed out and not freed. */
  readonly inUse: number;
}

/** Frames from [base, limit), lowest first, freed frames reused first. */
export function createFrameAllocator(memory: PhysicalMemory, region: { base: Hpa; limit: Hpa }): FrameAllocator {
  let next = Number(region.base) / PAGE_SIZE;
  const end = Number(region.limit) / PAGE_SIZE;
  const freed: number[] = [];
  let inUse = 0;
  return {
    alloc() {
      const pfn = freed.pop() ?? (next < end ? next++ : undefined);
      if (pfn === undefined) return undefined;
      inUse++;
      memory.clearPage(pfn);
      return hpa(BigInt(pfn) << 12n);
    },
    free(frame) {
      const pfn = Number(frame >> 12n);
      memory.clearPage(pfn);
      freed.push(pfn);
      inUse--;
    },
    get inUse() {
      return inUse;
    },
  };
}
