import { hpa, iova, toHex, type Hpa } from '../../hex.ts';
import { IovaDomain } from '../../linux/iova-allocator.ts';
import { TT_MULTI_LEVEL, TT_NAMES, TT_PASS_THROUGH } from '../../vtd/context-entry.ts';
import { faultLogLine } from '../../vtd/fault-log.ts';
import { FAULT_REASONS, faultReasonSpec } from '../../vtd/fault-reason.ts';
import { createFrameAllocator } from '../../vtd/frame-allocator.ts';
import { createMachine, type Machine } from '../../vtd/machine.ts';
import { PhysicalMemory } from '../../vtd/memory.ts';
import { createDomain, map, type Domain } from '../../vtd/page-table.ts';
import { encodeCap, encodeEcap } from '../../vtd/registers.ts';
import { setContextEntry } from '../../vtd/root-table.ts';
import type { Step } from '../../vtd/trace.ts';
import { translate, type Access, type Translation, type TranslationRequest } from '../../vtd/translate.ts';
import { sourceId, formatSourceId } from '../source-id.ts';
import type { P2pResult, P2pSettings } from './p2p-path.ts';
import type { PciFunction } from './topology.ts';

/**
 * The real walks behind the peer-to-peer view: one remapping unit set up the way the Intel IOMMU
 * driver leaves it for GPU A and GPU B, then the requests of the P2P path (and of NCCL's staging
 * copy) translated by the engine's own `translate`. Nothing here decides an outcome; the walk does.
 *
 * The unit: HAW 46 and 4-level tables (48-bit AGAW), 2 MiB and 1 GiB pages, pass-through and
 * device-TLB support, as on Ice Lake-SP. In a DMA domain each GPU gets its own domain (one default
 * domain per IOMMU group) and DID, the first dynamic DIDs of a 6.11+ kernel (2, 3); identity
 * (iommu=pt) is TT=10 with DID 1 (context_setup_pass_through). IOVAs come from the kernel's
 * allocator, 32-bit first for PCI devices (iommu_dma_alloc_iova), with the IOAPIC/MSI window
 * 0xfee00000–0xfeefffff reserved (intel_iommu_get_resv_regions).
 */
export interface WalkStepReport {
  readonly name: string;
  readonly index: number;
  readonly entryAddress: string;
  readonly value: string;
  readonly note: string;
}

export interface WalkReport {
  /** What this DMA is, in words: "GPU A writes GPU B's BAR". */
  readonly purpose: string;
  readonly sourceId: string;
  readonly iova: string;
  readonly access: Access;
  /** The requester's context entry in words: "DMA domain, DID 2, TT=00 (…)". */
  readonly context: string;
  readonly steps: readonly WalkStepReport[];
  readonly outcome:
    | { readonly kind: 'ok'; readonly hpa: string; readonly route: string }
    | { readonly kind: 'fault'; readonly reason: string; readonly name: string; readonly cause: string; readonly stepIndex: number };
  readonly dmesg: string | undefined;
}

/** A 2 MiB host-memory buffer NCCL stages through when P2P is off; its address is made up. */
const STAGING = { hpa: hpa(0x1_8000_0000n), size: 0x20_0000n };
const MSI_WINDOW = { first: 0xfee00n, last: 0xfeeffn };
const PAGE_TABLES = { base: hpa(0x7f00_0000n), limit: hpa(0x7f80_0000n) };

interface GpuContext {
  readonly fn: PciFunction;
  readonly did: number;
  readonly domain: Domain | undefined;
  readonly iovad: IovaDomain;
}

interface WalkMachine {
  readonly machine: Machine;
  readonly a: GpuContext;
  readonly b: GpuContext;
}

const sid = (f: PciFunction) => sourceId(f.address.bus, f.address.device, f.address.fn);

function buildMachine(a: PciFunction, b: PciFunction, mode: 'dma' | 'pt'): WalkMachine | undefined {
  const memory = new PhysicalMemory();
  const allocator = createFrameAllocator(memory, PAGE_TABLES);
  const rootTable = allocator.alloc();
  if (rootTable === undefined) return undefined;
  const machine = createMachine(
    { haw: 46, cap: encodeCap({ sagaw: 0b00100, mgaw: 48, sllps: 0b0011 }), ecap: encodeEcap({ qi: true, dt: true, ir: true, pt: true }), rtaddr: rootTable, translationEnabled: true },
    memory,
  );
  const attach = (fn: PciFunction, did: number): GpuContext | undefined => {
    const iovad = new IovaDomain(1n);
    iovad.reserve(MSI_WINDOW.first, MSI_WINDOW.last);
    if (mode === 'pt') {
      const ok = setContextEntry(memory, allocator, { rootTable, sourceId: sid(fn) }, { tt: TT_PASS_THROUGH, slptptr: hpa(0n), aw: 2, did: 1 });
      return ok ? { fn, did: 1, domain: undefined, iovad } : undefined;
    }
    const domain = createDomain(memory, allocator, { did, aw: 2, cap: machine.capFields });
    if (domain === undefined) return undefined;
    const ok = setContextEntry(memory, allocator, { rootTable, sourceId: sid(fn) }, { tt: TT_MULTI_LEVEL, slptptr: domain.pgd, aw: 2, did });
    return ok ? { fn, did, domain, iovad } : undefined;
  };
  const gpuA = attach(a, 2);
  const gpuB = attach(b, 3);
  return gpuA === undefined || gpuB === undefined ? undefined : { machine, a: gpuA, b: gpuB };
}

/** dma_map_page / dma_map_resource into one GPU's domain: the IOVA the driver hands its device. */
function dmaMap(gpu: GpuContext, target: Hpa, size: bigint): bigint | undefined {
  if (gpu.domain === undefined) return target; // identity: the DMA address is the physical address
  const pages = size >> 12n;
  const pfn = gpu.iovad.allocFast(pages, 0xffff_ffffn >> 12n, false);
  if (pfn === undefined) return undefined;
  const result = map(gpu.domain, { iova: iova(pfn << 12n), hpa: target, size, perm: { r: true, w: true } });
  return result.ok ? pfn << 12n : undefined;
}

function stepReport(step: Step): WalkStepReport {
  const base = { name: step.name, index: step.index, entryAddress: toHex(step.entryAddress) };
  switch (step.kind) {
    case 'root':
      return { ...base, value: `${toHex(step.raw[1], 16)} ${toHex(step.raw[0], 16)}`, note: step.rootEntry.present ? `P=1, context table at ${toHex(step.rootEntry.ctp)}` : 'P=0: no context table' };
    case 'context': {
      const c = step.contextEntry;
      return { ...base, value: `${toHex(step.raw[1], 16)} ${toHex(step.raw[0], 16)}`, note: c.present ? `P=1, DID ${c.did}, TT=${c.tt.toString(2).padStart(2, '0')}: ${TT_NAMES[c.tt]}${c.tt === TT_PASS_THROUGH ? '' : `; tables at ${toHex(c.slptptr)}`}` : 'P=0' };
    }
    default: {
      const e = step.slpte;
      const note = !e.r && !e.w ? 'R=0 W=0: not present, nothing is mapped here' : `${e.r ? 'R' : '-'}${e.w ? 'W' : '-'}, ${step.leaf ? `maps the page at ${toHex(e.address)}` : `next table at ${toHex(e.address)}`}`;
      return { ...base, value: toHex(step.raw, 16), note };
    }
  }
}

function walk(machine: Machine, request: TranslationRequest, purpose: string, context: string): WalkReport {
  const translation: Translation = translate(machine, request);
  const common = { purpose, sourceId: formatSourceId(request.sourceId), iova: toHex(request.iova), access: request.access, context, steps: translation.steps.map(stepReport) };
  switch (translation.kind) {
    case 'ok':
      return { ...common, outcome: { kind: 'ok', hpa: toHex(translation.hpa), route: translation.route }, dmesg: undefined };
    case 'fault': {
      const { reason, cause, stepIndex, recorded } = translation.fault;
      return { ...common, outcome: { kind: 'fault', reason: faultReasonSpec(reason), name: FAULT_REASONS[reason].name, cause, stepIndex }, dmesg: recorded ? faultLogLine(request, translation.fault) : undefined };
    }
    case 'interrupt':
      return { ...common, outcome: { kind: 'fault', reason: '—', name: 'interrupt message', cause: 'the address is in the interrupt range and is not DMA-remapped', stepIndex: -1 }, dmesg: undefined };
  }
}

const contextWords = (gpu: GpuContext): string =>
  gpu.domain === undefined ? `identity (iommu=pt): TT=10 pass-through, DID ${gpu.did}` : `its DMA domain: DID ${gpu.did}, TT=00, 4-level tables at ${toHex(gpu.domain.pgd)}`;

/**
 * The walks the P2P path runs into the IOMMU: GPU A's write to the peer's BAR when the route
 * meets the IOMMU untranslated (fault, identity pass, or the peer BAR mapped by
 * dma_map_resource), and NCCL's two staging DMAs (A writes host memory, B reads it) when NCCL
 * turns P2P off. Empty when nothing reaches the IOMMU untranslated.
 */
export function p2pWalks(from: PciFunction, to: PciFunction, settings: P2pSettings, result: P2pResult, staging: boolean): WalkReport[] {
  if (settings.iommu === 'off' || result.kind === 'invalid') return [];
  const built = buildMachine(from, to, settings.iommu);
  if (built === undefined) return [];
  const { machine, a, b } = built;
  const out: WalkReport[] = [];
  const stagingA = dmaMap(a, STAGING.hpa, STAGING.size);
  const stagingB = dmaMap(b, STAGING.hpa, STAGING.size);
  const reachesIommu = result.hops.some((h) => h.at === 'IOMMU' && (h.action === 'fault' || h.action === 'translated' || (h.action === 'passed' && settings.iommu === 'pt')));
  if (reachesIommu) {
    const bar = to.bars.find((x) => x.kind === 'memory' && x.address !== undefined);
    const peer = result.kind === 'iommu-fault' ? result.request.iova
      : settings.peerMapped && bar?.address !== undefined && bar.size !== undefined ? dmaMap(a, hpa(bar.address), bar.size) : bar?.address;
    if (peer !== undefined) {
      const what = result.kind === 'iommu-fault' ? 'GPU A writes GPU B\'s BAR address, which its domain does not map'
        : settings.iommu === 'pt' ? 'GPU A writes GPU B\'s BAR address, passed through untranslated'
        : 'GPU A writes the IOVA that dma_map_resource() gave GPU B\'s BAR';
      out.push(walk(machine, { sourceId: sid(from), iova: iova(peer), access: 'write' }, what, contextWords(a)));
    }
  }
  if (staging && stagingA !== undefined && stagingB !== undefined) {
    out.push(walk(machine, { sourceId: sid(from), iova: iova(stagingA), access: 'write' }, 'NCCL staging, DMA 1: GPU A writes the host-memory buffer', contextWords(a)));
    out.push(walk(machine, { sourceId: sid(to), iova: iova(stagingB), access: 'read' }, 'NCCL staging, DMA 2: GPU B reads the host-memory buffer', contextWords(b)));
  }
  return out;
}
