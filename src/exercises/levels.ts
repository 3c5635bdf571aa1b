import { hpa, iova as asIova, type Hpa, type Iova } from '../hex.ts';
import { busOf, sourceId, type SourceId } from '../pci/source-id.ts';
import type { TranslationType } from '../vtd/context-entry.ts';
import type { Machine } from '../vtd/machine.ts';
import type { Domain } from '../vtd/page-table.ts';
import { agawWidth } from '../vtd/registers.ts';
import { translate, type Access, type Translation } from '../vtd/translate.ts';
import type { ExerciseLevel, ExerciseSetting } from './exercise.ts';
import { createMachineBuilder, randomFrame, randomIova, randomSourceId, touchesInterruptWindow, type ExerciseHardware, type MachineBuilder } from './exercise-machine.ts';
import type { Prng } from './prng.ts';

export interface BuiltLevel {
  readonly setting: ExerciseSetting;
  readonly unit: { readonly name: string; readonly registerBase: Hpa };
  readonly machine: Machine;
  readonly request: { readonly sourceId: SourceId; readonly iova: Iova; readonly access: Access };
  readonly translation: Translation;
}

const KiB4 = 0x1000n;
const MiB2 = 0x20_0000n;
const GiB1 = 0x4000_0000n;

interface Scene {
  readonly builder: MachineBuilder;
  readonly device: SourceId;
  readonly domain: Domain;
  /** The IOVA ranges mapped in the device's domain. */
  readonly mapped: { start: bigint; size: bigint }[];
  readonly width: number;
  readonly usedBuses: Set<number>;
}

/**
 * A unit with the device's domain (a target range, a neighbour in the same last-level table and
 * a far range) and a second domain for two other devices, one on the same bus: the dump then has
 * entries the learner must tell apart.
 */
function buildScene(prng: Prng, hardware: ExerciseHardware, options: { aw: number; pageSize: bigint; pages: number; perm?: { r: boolean; w: boolean }; tt?: TranslationType }): Scene {
  const builder = createMachineBuilder(prng, hardware);
  const width = Math.min(agawWidth(options.aw), hardware.mgaw);
  const superpages = options.pageSize !== KiB4;
  const device = randomSourceId(prng);
  const domain = builder.domain({ did: prng.int(1, 40), aw: options.aw, superpages });
  const mapped: { start: bigint; size: bigint }[] = [];
  const tryMap = (target: Domain, list: typeof mapped | undefined, start: bigint, size: bigint, frame: Hpa, perm?: { r: boolean; w: boolean }): boolean => {
    if (start + size > 1n << BigInt(width) || touchesInterruptWindow(start, size)) return false;
    if (list?.some((m) => start < m.start + m.size && m.start < start + size)) return false;
    builder.map(target, { iova: start, hpa: frame, size, ...(perm ? { perm } : {}) });
    list?.push({ start, size });
    return true;
  };
  const pageShift = options.pageSize === GiB1 ? 30 : options.pageSize === MiB2 ? 21 : 12;
  const size = options.pageSize * BigInt(options.pages);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (tryMap(domain, mapped, randomIova(prng, width, pageShift), size, randomFrame(prng, hardware.haw, options.pageSize), options.perm)) break;
  }
  const first = mapped[0];
  if (first !== undefined) {
    // A neighbour sharing every table but the last one with the target.
    const span = options.pageSize * 512n;
    const neighbour = (first.start / span) * span + BigInt(prng.int(0, 511)) * options.pageSize;
    tryMap(domain, mapped, neighbour, options.pageSize, randomFrame(prng, hardware.haw, options.pageSize));
  }
  tryMap(domain, mapped, randomIova(prng, width), KiB4 * BigInt(prng.int(1, 2)), randomFrame(prng, hardware.haw, KiB4));
  builder.attach(device, options.tt === 2 ? { tt: 2, slptptr: hpa(0n), aw: options.aw, did: 1 } : { tt: options.tt ?? 0, slptptr: domain.pgd, aw: options.aw, did: domain.did });
  // Two other devices in another domain: a sibling on the same bus and one on another bus.
  const other = builder.domain({ did: domain.did + prng.int(1, 9), aw: options.aw, superpages });
  tryMap(other, undefined, randomIova(prng, width), KiB4, randomFrame(prng, hardware.haw, KiB4));
  const usedBuses = new Set([busOf(device)]);
  const sibling = sourceId(busOf(device), (((device >> 3) & 0x1f) + prng.int(1, 30)) % 32, 0);
  const far = randomSourceId(prng, { bus: (busOf(device) + prng.int(1, 4)) % 8 });
  for (const d of [sibling, far]) {
    if (d === device) continue;
    builder.attach(d, { tt: 0, slptptr: other.pgd, aw: options.aw, did: other.did });
    usedBuses.add(busOf(d));
  }
  return { builder, device, domain, mapped, width, usedBuses };
}

/** An address inside one of the first mapped range's pages, with a random offset. */
function insideTarget(prng: Prng, scene: Scene): Iova {
  const target = scene.mapped[0] ?? { start: 0n, size: KiB4 };
  return asIova(target.start + BigInt(Math.floor(prng.next() * Number(target.size))));
}

/** An address below the domain's width that no range of the domain maps. */
function unmapped(prng: Prng, scene: Scene): Iova {
  for (;;) {
    const candidate = randomIova(prng, scene.width) + BigInt(prng.int(0, 0xfff));
    if (!scene.mapped.some((m) => candidate >= m.start && candidate < m.start + m.size) && !touchesInterruptWindow(candidate, 1n)) return asIova(candidate);
  }
}

const unit = { name: 'dmar0', registerBase: hpa(0xfed9_0000n) };

function finish(setting: ExerciseSetting, scene: Scene, request: { sourceId: SourceId; iova: Iova; access: Access }): BuiltLevel {
  const { machine } = scene.builder;
  return { setting, unit, machine, request, translation: translate(machine, request) };
}

const randomAccess = (prng: Prng): Access => (prng.chance(0.5) ? 'read' : 'write');

function clientOrServer(prng: Prng, overrides: Partial<ExerciseHardware> = {}): ExerciseHardware {
  const server = prng.chance(0.5);
  return { haw: server ? 46 : 39, sagaw: 0b00100, mgaw: server ? 48 : 39, sllps: 0, passThrough: true, translationEnabled: true, ...overrides };
}

/** Level 1: a 4-level walk of 4 KiB pages to a host-physical address. */
function level1(prng: Prng): BuiltLevel {
  const scene = buildScene(prng, clientOrServer(prng), { aw: 2, pageSize: KiB4, pages: prng.int(1, 3) });
  return finish('dma-domain', scene, { sourceId: scene.device, iova: insideTarget(prng, scene), access: randomAccess(prng) });
}

/** Level 2: 3- or 5-level tables, and 2 MiB or 1 GiB superpages. */
function level2(prng: Prng): BuiltLevel {
  const aw = prng.pick([1, 2, 3] as const);
  const hardware: ExerciseHardware =
    aw === 1 ? { haw: 39, sagaw: 0b00010, mgaw: 39, sllps: 0b11, passThrough: true, translationEnabled: true }
    : aw === 2 ? { haw: 46, sagaw: 0b00100, mgaw: 48, sllps: 0b11, passThrough: true, translationEnabled: true }
    : { haw: 52, sagaw: 0b01100, mgaw: 57, sllps: 0b11, passThrough: true, translationEnabled: true };
  const pageSize = prng.pick([KiB4, MiB2, MiB2, GiB1] as const);
  const scene = buildScene(prng, hardware, { aw, pageSize, pages: pageSize === GiB1 ? 1 : prng.int(1, 2) });
  return finish('dma-domain', scene, { sourceId: scene.device, iova: insideTarget(prng, scene), access: randomAccess(prng) });
}

type FaultKind = 'root' | 'context' | 'invalid-context' | 'beyond' | 'write-denied' | 'unmapped' | 'reserved' | 'none';

/** Level 3: a request that faults (now and then one that does not), for each reason a walk can give. */
function level3(prng: Prng): BuiltLevel {
  const kind = prng.pick<FaultKind>(['root', 'context', 'invalid-context', 'beyond', 'write-denied', 'unmapped', 'reserved', 'reserved', 'none']);
  const invalid = kind === 'invalid-context' ? prng.pick(['aw', 'tt-pt', 'tt-reserved'] as const) : undefined;
  const hardware = clientOrServer(prng, { sllps: 0b01, passThrough: invalid !== 'tt-pt' });
  const scene = buildScene(prng, hardware, {
    aw: invalid === 'aw' ? 3 : 2,
    pageSize: KiB4,
    pages: prng.int(1, 2),
    ...(kind === 'write-denied' ? { perm: { r: true, w: false } } : {}),
    ...(invalid === 'tt-pt' ? { tt: 2 as const } : invalid === 'tt-reserved' ? { tt: 3 as const } : {}),
  });
  let request = { sourceId: scene.device, iova: insideTarget(prng, scene), access: randomAccess(prng) };
  switch (kind) {
    case 'root': {
      let bus = prng.int(0, 15);
      while (scene.usedBuses.has(bus)) bus = (bus + 1) % 256;
      request = { ...request, sourceId: sourceId(bus, prng.int(0, 0x1f), 0) };
      break;
    }
    case 'context':
      request = { ...request, sourceId: sourceId(busOf(scene.device), ((scene.device >> 3) & 0x1f) ^ 0x10, (scene.device & 7) ^ 1) };
      break;
    case 'beyond':
      request = { ...request, iova: asIova(request.iova | (1n << BigInt(prng.int(scene.width, 56)))) };
      break;
    case 'write-denied':
      request = { ...request, access: 'write' };
      break;
    case 'unmapped':
      request = { ...request, iova: unmapped(prng, scene) };
      break;
    case 'reserved':
      corruptEntry(prng, scene, request);
      break;
    default:
      break;
  }
  return finish('dma-domain', scene, request);
}

/**
 * Sets a reserved bit in one entry of the request's walk, keeping R/W so the permission check
 * passes and the reserved-bit check (VT-d §9.8; QEMU VTD_SPTE_*_RSVD_MASK) is what faults: TM
 * (62), an address bit at or above HAW, SNP (11) without ECAP.SC, or PS (7) in the PML4E.
 */
function corruptEntry(prng: Prng, scene: Scene, request: { sourceId: SourceId; iova: Iova; access: Access }): void {
  const { machine, memory } = scene.builder;
  const walk = translate(machine, request);
  const slptes = walk.steps.filter((s) => s.kind !== 'root' && s.kind !== 'context');
  const choice = prng.pick(['tm', 'haw', 'snp', 'ps'] as const);
  const target = choice === 'ps' ? slptes[0] : slptes[slptes.length - 1];
  if (target === undefined) return;
  const bit = choice === 'tm' ? 62 : choice === 'haw' ? prng.int(machine.haw, 51) : choice === 'snp' ? 11 : 7;
  const raw = memory.readQword(target.entryAddress);
  memory.writeQword(target.entryAddress, raw | (1n << BigInt(bit)));
}

/** Level 4: translation disabled, pass-through (TT=10), and a VFIO guest's GPA. */
function level4(prng: Prng): BuiltLevel {
  const kind = prng.pick(['disabled', 'pass-through', 'pass-through', 'vfio', 'vfio', 'vfio'] as const);
  if (kind === 'vfio') return vfioGuest(prng);
  if (kind === 'disabled') {
    const scene = buildScene(prng, clientOrServer(prng, { translationEnabled: false }), { aw: 2, pageSize: KiB4, pages: 1 });
    return finish('translation-disabled', scene, { sourceId: scene.device, iova: unmapped(prng, scene), access: randomAccess(prng) });
  }
  const passThrough = prng.chance(0.75);
  const scene = buildScene(prng, clientOrServer(prng, { passThrough }), { aw: 2, pageSize: KiB4, pages: 1, tt: 2 });
  return finish('pass-through', scene, { sourceId: scene.device, iova: asIova(randomFrame(prng, 39, KiB4) + BigInt(prng.int(0, 0xfff))), access: randomAccess(prng) });
}

/**
 * A small VM: guest RAM in 2 MiB chunks from GPA 0 (with the legacy hole 0xa0000–0xfffff left
 * out of the first chunk as QEMU's memory listener leaves it) and a few chunks from 4 GiB, each
 * backed by a scattered host hugepage; VFIO_IOMMU_MAP_DMA maps iova = GPA. The request is a GPA.
 */
function vfioGuest(prng: Prng): BuiltLevel {
  const hardware: ExerciseHardware = { haw: 46, sagaw: 0b00100, mgaw: 48, sllps: 0b01, passThrough: true, translationEnabled: true };
  const builder = createMachineBuilder(prng, hardware);
  const device = randomSourceId(prng, { bus: prng.int(1, 6) });
  const domain = builder.domain({ did: prng.int(2, 40), aw: 2, superpages: true });
  const low = prng.int(2, 6);
  const high = prng.int(1, 3);
  const chunks: { gpa: bigint; size: bigint }[] = [];
  for (let i = 0; i < low; i++) chunks.push({ gpa: BigInt(i) * MiB2, size: MiB2 });
  for (let i = 0; i < high; i++) chunks.push({ gpa: (1n << 32n) + BigInt(i) * MiB2, size: MiB2 });
  const used = new Set<bigint>();
  for (const chunk of chunks) {
    let frame = randomFrame(prng, 40, MiB2);
    while (used.has(frame)) frame = hpa(frame + MiB2);
    used.add(frame);
    if (chunk.gpa === 0n) {
      builder.map(domain, { iova: 0n, hpa: frame, size: 0xa_0000n });
      builder.map(domain, { iova: 0x10_0000n, hpa: frame + 0x10_0000n, size: 0x10_0000n });
    } else builder.map(domain, { iova: chunk.gpa, hpa: frame, size: chunk.size });
  }
  builder.attach(device, { tt: 0, slptptr: domain.pgd, aw: 2, did: domain.did });
  const inRam = (): bigint => {
    const chunk = chunks[prng.int(0, chunks.length - 1)] ?? { gpa: 0n, size: MiB2 };
    const gpa = chunk.gpa + BigInt(Math.floor(prng.next() * Number(chunk.size)));
    return chunk.gpa === 0n && gpa >= 0xa_0000n && gpa < 0x10_0000n ? gpa + 0x6_0000n : gpa;
  };
  const hole = (): bigint => prng.pick([0xa_0000n + BigInt(prng.int(0, 0x5_ffff)), BigInt(low) * MiB2 + BigInt(prng.int(0, 0xf_ffff)) * 0x100n] as const);
  const gpa = prng.chance(0.75) ? inRam() : hole();
  const { machine } = builder;
  const request = { sourceId: device, iova: asIova(gpa), access: randomAccess(prng) };
  return { setting: 'vfio', unit, machine, request, translation: translate(machine, request) };
}

export function generateLevel(level: ExerciseLevel, prng: Prng): BuiltLevel {
  switch (level) {
    case 1:
      return level1(prng);
    case 2:
      return level2(prng);
    case 3:
      return level3(prng);
    case 4:
      return level4(prng);
  }
}
