import { hpa, iova } from '../hex.ts';
import { FOUR_GIB, rmrrsOf, usableRam, type PlatformDevice } from '../platform/sample-platform.ts';
import { createMachine } from '../vtd/machine.ts';
import { PhysicalMemory } from '../vtd/memory.ts';
import { map, type Domain } from '../vtd/page-table.ts';
import { dmarTableLog, enabledIommuLog, swiotlbLog, type DefaultDomainType } from './boot-log.ts';
import { callPaths, type DmaRoute } from './call-path.ts';
import { createDirectDma, createIommuDma, type DeviceDma } from './dma-api.ts';
import { atLeast, DMA_IOMMU_SINCE, formatKernel, NO_SI_DOMAIN_SINCE } from './kernel-version.ts';
import {
  allocateDid,
  attachPaging,
  attachPassThrough,
  createPagingDomain,
  FLPT_DEFAULT_DID,
  groupsOf,
  identityMap,
  setUpUnit,
  type UnitSetup,
} from './remapping-unit.ts';
import type { DeviceTranslation, ModeResult, Scenario, ScenarioInput, ScenarioMapping } from './scenario.ts';
import { guestRamSections, layOutBacking, LEGACY_HOLE, q35RamSplit } from './vfio-guest.ts';

type Common = Omit<Scenario, 'machine' | 'translation' | 'contexts' | 'mappings' | 'dma' | 'vfio' | 'callPath' | 'bootLog' | 'kernelParameters' | 'notes'>;

const common = (input: ScenarioInput): Common => {
  const { mode, kernel, platform, device, hwPassThrough } = input;
  const unit = platform.units[device.unit] ?? platform.units[0];
  if (unit === undefined) throw new Error('the sample platform has no remapping unit');
  return { mode, kernel, platform, device, unit, hwPassThrough };
};

const applies = (input: ScenarioInput): 'current' | 'legacy' => (atLeast(input.kernel, DMA_IOMMU_SINCE) ? 'current' : 'legacy');

/** Runs the --map buffers through the device's DMA API, in order. */
function applyMaps(input: ScenarioInput, dma: DeviceDma): { ok: true; mappings: ScenarioMapping[] } | { ok: false; field: string; error: string } {
  const mappings: ScenarioMapping[] = [];
  for (const [index, buffer] of input.maps.entries()) {
    const result = dma.map(buffer);
    if (!result.ok) return { ok: false, field: `maps[${index}]`, error: result.error };
    mappings.push({ kind: 'dma-map', ...result.mapping });
  }
  return { ok: true, mappings };
}

const deviceMessages = (device: PlatformDevice, dma: DeviceDma): string[] => dma.messages.map((m) => `${device.driver} 0000:${device.bdf}: ${m}`);

/** intel_iommu=off: no tables, GSTS.TES=0; dma-direct with the swiotlb pool for unreachable buffers. */
export function buildDisabled(input: ScenarioInput): ModeResult {
  const base = common(input);
  const machine = createMachine({ haw: input.platform.haw, cap: base.unit.cap, ecap: base.unit.ecap, rtaddr: 0n, translationEnabled: false }, new PhysicalMemory());
  const dma = createDirectDma(input);
  const maps = applyMaps(input, dma);
  if (!maps.ok) return maps;
  return {
    ok: true,
    scenario: {
      ...base,
      machine,
      translation: 'translation disabled',
      contexts: [],
      mappings: maps.mappings,
      dma,
      callPath: callPaths('swiotlb-direct', applies(input)),
      bootLog: ['DMAR: IOMMU disabled', ...dmarTableLog(input.platform), ...swiotlbLog(input.platform)],
      kernelParameters: ['intel_iommu=off'],
      notes: ['Translation is off (GSTS.TES=0): every DMA address is a host-physical address. A buffer the DMA mask cannot reach is bounced through swiotlb (dma_direct_map_page → swiotlb_map).'],
    },
  };
}

/** Every group of the unit in its default DMA domain, RMRRs identity-mapped (iommu_create_device_direct_mappings). */
function attachDmaDomains(setup: UnitSetup): Map<PlatformDevice, Domain> {
  const domains = new Map<PlatformDevice, Domain>();
  for (const group of groupsOf(setup)) {
    const domain = createPagingDomain(setup, allocateDid(setup));
    for (const device of group) {
      for (const rmrr of rmrrsOf(setup.platform, device.bdf)) identityMap(domain, rmrr.base, rmrr.size);
      attachPaging(setup, device, domain, 'DMA');
      domains.set(device, domain);
    }
  }
  return domains;
}

const enabledLog = (input: ScenarioInput, defaultType: DefaultDomainType, setViaCommandLine: boolean): string[] => [
  'DMAR: IOMMU enabled',
  ...dmarTableLog(input.platform),
  ...enabledIommuLog({ platform: input.platform, kernel: input.kernel, defaultType, setViaCommandLine }),
];

/** The default: every device in its own DMA domain; the chosen one's buffers get IOVAs. */
export function buildDma(input: ScenarioInput, notes: string[] = [], passthroughRequested = false): ModeResult {
  const base = common(input);
  const setup = setUpUnit(input.platform, input.device.unit, { hwPassThrough: input.hwPassThrough, kernel: input.kernel });
  if (setup === undefined) throw new Error('no frame for the root table');
  const domain = attachDmaDomains(setup).get(input.device);
  if (domain === undefined) throw new Error(`${input.device.bdf} is not behind its unit`);
  const dma = createIommuDma({ platform: input.platform, device: input.device, domain, gaw: setup.gaw, kernel: input.kernel });
  const maps = applyMaps(input, dma);
  if (!maps.ok) return maps;
  return {
    ok: true,
    scenario: {
      ...base,
      machine: setup.machine,
      translation: 'DMA domain',
      contexts: setup.contexts,
      mappings: maps.mappings,
      dma,
      callPath: callPaths('dma-domain', applies(input)),
      bootLog: [...enabledLog(input, passthroughRequested ? 'Passthrough' : 'Translated', passthroughRequested), ...deviceMessages(input.device, dma)],
      kernelParameters: passthroughRequested ? ['intel_iommu=on', 'iommu=pt'] : ['intel_iommu=on'],
      notes: [
        ...notes,
        `${input.device.bdf} is in a DMA domain (DID ${domain.did}): each dma_map_page() gets an IOVA from the domain's allocator, mapped to the buffer's pages; everything else faults.`,
      ],
    },
  };
}

/**
 * iommu=pt. With ECAP.PT every device gets TT=10 (DID 1). Without it, kernels with si_domain
 * (to ~6.10) put devices in si_domain, whose tables map all usable RAM and every RMRR 1:1
 * (si_domain_init); later kernels give such a device a DMA domain (device_def_domain_type).
 */
export function buildPassThrough(input: ScenarioInput): ModeResult {
  if (!input.hwPassThrough && atLeast(input.kernel, NO_SI_DOMAIN_SINCE)) {
    const note = `Linux ${formatKernel(input.kernel)} has no si_domain: ${input.platform.units[input.device.unit]?.name ?? 'the unit'} lacks ECAP.PT, so device_def_domain_type() returns IOMMU_DOMAIN_DMA despite iommu=pt.`;
    return buildDma(input, [note], true);
  }
  const base = common(input);
  const setup = setUpUnit(input.platform, input.device.unit, { hwPassThrough: input.hwPassThrough, kernel: input.kernel });
  if (setup === undefined) throw new Error('no frame for the root table');
  const identity: ScenarioMapping[] = [];
  let translation: DeviceTranslation = 'hardware pass-through';
  if (input.hwPassThrough) {
    for (const group of groupsOf(setup)) for (const device of group) attachPassThrough(setup, device);
  } else {
    translation = 'si_domain identity tables';
    const si = createPagingDomain(setup, FLPT_DEFAULT_DID);
    for (const ram of usableRam(input.platform)) {
      identityMap(si, ram.base, ram.size);
      identity.push({ kind: 'identity', iova: iova(ram.base), hpa: hpa(ram.base), size: ram.size });
    }
    for (const rmrr of input.platform.rmrrs) {
      identityMap(si, rmrr.base, rmrr.size);
      identity.push({ kind: 'identity', iova: iova(rmrr.base), hpa: hpa(rmrr.base), size: rmrr.size });
    }
    for (const group of groupsOf(setup)) for (const device of group) attachPaging(setup, device, si, 'si_domain');
  }
  const dma = createDirectDma(input);
  const maps = applyMaps(input, dma);
  if (!maps.ok) return maps;
  const route: DmaRoute = 'identity';
  return {
    ok: true,
    scenario: {
      ...base,
      machine: setup.machine,
      translation,
      contexts: setup.contexts,
      mappings: [...identity, ...maps.mappings],
      dma,
      callPath: callPaths(route, applies(input)),
      bootLog: [...enabledLog(input, 'Passthrough', true), ...swiotlbLog(input.platform)],
      kernelParameters: ['intel_iommu=on', 'iommu=pt'],
      notes: [
        input.hwPassThrough
          ? 'Identity domain with hardware pass-through: context entries TT=10, DID 1; the unit does not walk any table.'
          : 'ECAP.PT is absent, so the identity domain is si_domain: real second-level tables mapping every usable RAM range and every RMRR 1:1; DMA outside them faults.',
        'An identity-mapped device uses dma-direct: a buffer above its DMA mask is bounced through swiotlb.',
      ],
    },
  };
}

/**
 * VFIO passthrough of the device's IOMMU group: the host boots with DMA domains; vfio-pci binds
 * the group, the type1 container allocates an UNMANAGED domain (a new DID, taken before the
 * default domain's DID is released) and QEMU maps guest RAM with VFIO_IOMMU_MAP_DMA, iova = GPA.
 */
export function buildVfio(input: ScenarioInput): ModeResult {
  const base = common(input);
  const split = q35RamSplit(input.guestRamSize);
  const backingResult = layOutBacking(input.platform, input.guestRamSize, input.hugepages);
  if (!backingResult.ok) return { ok: false, field: 'guestRamSize', error: backingResult.error };
  const { backing } = backingResult;
  const setup = setUpUnit(input.platform, input.device.unit, { hwPassThrough: input.hwPassThrough, kernel: input.kernel });
  if (setup === undefined) throw new Error('no frame for the root table');
  const defaults = attachDmaDomains(setup);
  const group = input.platform.devices.filter((d) => input.device.group.includes(d.bdf));
  const domain = createPagingDomain(setup, allocateDid(setup));
  for (const device of group) attachPaging(setup, device, domain, 'unmanaged (VFIO)');
  const released = defaults.get(input.device);
  if (released !== undefined) setup.usedDids.delete(released.did);
  const mappings: ScenarioMapping[] = [];
  for (const section of guestRamSections(split)) {
    for (const run of backing.runs(section)) {
      const result = map(domain, { iova: iova(run.gpa), hpa: hpa(run.hpa), size: run.size, perm: { r: true, w: true } });
      if (!result.ok) throw new Error(`VFIO_IOMMU_MAP_DMA of GPA ${run.gpa.toString(16)}: ${result.error}`);
      mappings.push({ kind: 'guest-ram', iova: iova(run.gpa), hpa: hpa(run.hpa), size: run.size });
    }
  }
  const holes = [{ gpa: LEGACY_HOLE.base, size: LEGACY_HOLE.end - LEGACY_HOLE.base }, { gpa: split.belowFourG, size: FOUR_GIB - split.belowFourG }];
  const hpaOfGpa = (gpa: bigint): bigint | undefined => {
    if (gpa >= LEGACY_HOLE.base && gpa < LEGACY_HOLE.end) return undefined;
    if (gpa < split.belowFourG) return backing.hpaOf(gpa);
    if (gpa >= FOUR_GIB && gpa < FOUR_GIB + split.aboveFourG) return backing.hpaOf(gpa - FOUR_GIB + split.belowFourG);
    return undefined;
  };
  const ids = [...new Set(group.map((d) => d.ids))].join(',');
  return {
    ok: true,
    scenario: {
      ...base,
      machine: setup.machine,
      translation: 'VFIO unmanaged domain',
      contexts: setup.contexts,
      mappings,
      vfio: { group: input.device.group, did: domain.did, split, guestRamSize: input.guestRamSize, hugepages: input.hugepages, holes, hpaOfGpa },
      callPath: callPaths('vfio', applies(input)),
      bootLog: [...enabledLog(input, 'Translated', false), 'VFIO - User Level meta-driver version: 0.3'],
      kernelParameters: ['intel_iommu=on', `vfio-pci.ids=${ids}`],
      notes: [
        `IOMMU group ${input.device.group.join(' + ')} is bound to vfio-pci and attached to the container's UNMANAGED domain (DID ${domain.did}).`,
        `q35 puts ${split.belowFourG >> 20n} MiB of guest RAM below 4 GiB and ${split.aboveFourG >> 20n} MiB from 4 GiB (pc_q35_init); GPAs in between, and the legacy hole 0xa0000-0xfffff, fault.`,
        `Guest RAM is backed by ${input.hugepages} pages; QEMU maps it with VFIO_IOMMU_MAP_DMA, iova = GPA. The guest (no vIOMMU) programs GPAs into the device.`,
      ],
    },
  };
}
