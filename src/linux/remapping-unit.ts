import { hpa, iova, type Hpa } from '../hex.ts';
import type { Platform, PlatformDevice, PlatformUnit } from '../platform/sample-platform.ts';
import { TT_MULTI_LEVEL, TT_PASS_THROUGH, type TranslationType } from '../vtd/context-entry.ts';
import { createFrameAllocator, type FrameAllocator } from '../vtd/frame-allocator.ts';
import { createMachine, type Machine } from '../vtd/machine.ts';
import { PhysicalMemory } from '../vtd/memory.ts';
import { createDomain, map, type Domain } from '../vtd/page-table.ts';
import { agawWidth, decodeCap, sagawSupports } from '../vtd/registers.ts';
import { setContextEntry } from '../vtd/root-table.ts';
import { atLeast, NO_SI_DOMAIN_SINCE, type KernelVersion } from './kernel-version.ts';

/** FLPT_DEFAULT_DID (drivers/iommu/intel/iommu.h): the DID Linux gives identity / pass-through. */
export const FLPT_DEFAULT_DID = 1;
/**
 * The first dynamic DID. DID 0 is never handed out (iommu_init_domains). Kernels since the
 * si_domain removal (~6.11) also reserve FLPT_DEFAULT_DID in legacy mode ("This domain id is also
 * used for identity domain in legacy mode"), so dynamic DIDs start at 2 (later IDA_START_DID);
 * before, legacy mode reserved only DID 0 and find_first_zero_bit() handed out 1 first.
 */
const firstDynamicDid = (kernel: KernelVersion): number => (atLeast(kernel, NO_SI_DOMAIN_SINCE) ? 2 : 1);
/** DEFAULT_DOMAIN_ADDRESS_WIDTH: the widest IOVA space Linux asks for. */
const DEFAULT_DOMAIN_ADDRESS_WIDTH = 57;

/** One context entry a scenario programmed, for the UI and the tests to show. */
export interface ContextProgram {
  readonly bdf: string;
  readonly tt: TranslationType;
  readonly did: number;
  readonly aw: number;
  readonly slptptr: Hpa;
  /** Which Linux domain the device is attached to. */
  readonly domain: 'identity (pass-through)' | 'si_domain' | 'DMA' | 'unmanaged (VFIO)';
}

/** A remapping unit as Linux brought it up: its registers, root table and the frames for its tables. */
export interface UnitSetup {
  readonly platform: Platform;
  readonly unit: PlatformUnit;
  readonly unitIndex: number;
  readonly machine: Machine;
  readonly allocator: FrameAllocator;
  /** iommu->agaw: the largest SAGAW value whose width is at most 57 bits (__iommu_calculate_agaw). */
  readonly agaw: number;
  /** The domain address width: agaw's width capped at CAP.MGAW (domain->gaw). */
  readonly gaw: number;
  readonly contexts: ContextProgram[];
  readonly usedDids: Set<number>;
  readonly firstDid: number;
}

/** ECAP with PT (bit 6) cleared, for hardware without pass-through (--no-hw-pt). */
const withoutPassThrough = (ecap: bigint): bigint => ecap & ~(1n << 6n);

/**
 * Brings up the device's unit: a root table from the platform's page-table region, RTADDR
 * pointing at it, and GSTS.TES as given (init_dmars → iommu_set_root_entry →
 * iommu_enable_translation). Returns undefined only if the region has no frame left.
 */
export function setUpUnit(platform: Platform, unitIndex: number, options: { hwPassThrough: boolean; kernel: KernelVersion }): UnitSetup | undefined {
  const unit = platform.units[unitIndex];
  if (unit === undefined) return undefined;
  const memory = new PhysicalMemory();
  const { base, size } = platform.pageTableRegion;
  const allocator = createFrameAllocator(memory, { base, limit: hpa(base + size) });
  const rootTable = allocator.alloc();
  if (rootTable === undefined) return undefined;
  const ecap = options.hwPassThrough ? unit.ecap : withoutPassThrough(unit.ecap);
  const machine = createMachine({ haw: platform.haw, cap: unit.cap, ecap, rtaddr: rootTable, translationEnabled: true }, memory);
  const cap = decodeCap(unit.cap);
  let agaw = -1;
  for (let aw = 4; aw >= 0; aw--) {
    if (agawWidth(aw) <= DEFAULT_DOMAIN_ADDRESS_WIDTH && sagawSupports(cap, aw)) {
      agaw = aw;
      break;
    }
  }
  const gaw = Math.min(agawWidth(agaw), cap.mgaw);
  return { platform, unit, unitIndex, machine, allocator, agaw, gaw, contexts: [], usedDids: new Set(), firstDid: firstDynamicDid(options.kernel) };
}

/** The devices in the unit's scope, in probe order, grouped by IOMMU group. */
export function groupsOf(setup: UnitSetup): PlatformDevice[][] {
  const groups = new Map<string, PlatformDevice[]>();
  for (const device of setup.platform.devices.filter((d) => d.unit === setup.unitIndex)) {
    const key = device.group.join(',');
    groups.set(key, [...(groups.get(key) ?? []), device]);
  }
  return [...groups.values()];
}

/** The lowest free dynamic DID, as domain_attach_iommu takes it (find_first_zero_bit, later ida_alloc_range). */
export function allocateDid(setup: UnitSetup): number {
  let did = setup.firstDid;
  while (setup.usedDids.has(did)) did++;
  setup.usedDids.add(did);
  return did;
}

/** A new paging domain with the unit's AGAW, superpages as CAP.SLLPS allows. */
export function createPagingDomain(setup: UnitSetup, did: number): Domain {
  const domain = createDomain(setup.machine.memory, setup.allocator, { did, aw: setup.agaw, cap: setup.machine.capFields });
  if (domain === undefined) throw new Error('the page-table region has no frame left for a domain');
  return domain;
}

/**
 * Programs the device's context entry for a paging domain (domain_context_mapping_one: DID, SLPTPTR
 * = pgd, AW = agaw, TT=00 as no sample device uses ATS).
 */
export function attachPaging(setup: UnitSetup, device: PlatformDevice, domain: Domain, kind: ContextProgram['domain']): void {
  program(setup, device, { tt: TT_MULTI_LEVEL, did: domain.did, aw: domain.aw, slptptr: domain.pgd, domain: kind });
}

/**
 * Programs pass-through: TT=10, DID 1, AW the largest supported AGAW (msagaw), SLPTPTR 0; the
 * hardware ignores SLPTPTR. v6.11+ context_setup_pass_through() uses FLPT_DEFAULT_DID; earlier
 * domain_context_mapping_one() used si_domain's DID, which is 1 too, as si_domain is the first
 * domain attached to the unit.
 */
export function attachPassThrough(setup: UnitSetup, device: PlatformDevice): void {
  program(setup, device, { tt: TT_PASS_THROUGH, did: FLPT_DEFAULT_DID, aw: setup.agaw, slptptr: hpa(0n), domain: 'identity (pass-through)' });
}

function program(setup: UnitSetup, device: PlatformDevice, fields: Omit<ContextProgram, 'bdf'>): void {
  const { tt, did, aw, slptptr } = fields;
  const ok = setContextEntry(setup.machine.memory, setup.allocator, { rootTable: setup.machine.rootTable, sourceId: device.sourceId }, { tt, slptptr, aw, did });
  if (!ok) throw new Error('the page-table region has no frame left for a context table');
  const existing = setup.contexts.findIndex((c) => c.bdf === device.bdf);
  const entry = { bdf: device.bdf, ...fields };
  if (existing >= 0) setup.contexts[existing] = entry;
  else setup.contexts.push(entry);
}

/** Maps [base, base + size) 1:1, read/write (iommu_domain_identity_map, iommu_create_device_direct_mappings). */
export function identityMap(domain: Domain, base: bigint, size: bigint): void {
  const result = map(domain, { iova: iova(base), hpa: hpa(base), size, perm: { r: true, w: true } });
  if (!result.ok) throw new Error(`identity map of ${base.toString(16)}: ${result.error}`);
}
