import { hpa } from '../hex.ts';
import { findOwningDrhd, resolveScope } from '../acpi/dmar/ownership.ts';
import { structureLabel, type DmarTable, type Drhd } from '../acpi/dmar/table.ts';
import { defaultRegisters } from '../acpi/dmar/units.ts';
import { parseSourceId, type SourceId } from '../pci/source-id.ts';
import { samplePlatform, type PlatformResult, type PlatformDevice, type PlatformRmrr, type PlatformUnit } from './sample-platform.ts';

/**
 * A platform made from a machine's own DMAR table: one remapping unit per DRHD (its register
 * base and INCLUDE_PCI_ALL flag; CAP/ECAP as the user gave them, by DRHD offset, else the
 * defaults units.ts gives, as the table does not carry them), the PCI endpoints its DRHD scopes name, and its RMRRs with the devices they pin.
 * The table says nothing of RAM, so the memory map, PCI windows and the kernel's page-table
 * region are the sample platform's. `devices` adds functions no scope names, which the segment's
 * INCLUDE_PCI_ALL unit covers (Linux dmar_find_matched_drhd_unit).
 */
export function platformFromDmar(
  table: DmarTable,
  options: { ramSize?: bigint; devices?: readonly string[]; registers?: ReadonlyMap<number, { cap: bigint; ecap: bigint }> } = {},
): PlatformResult {
  const base = samplePlatform(options.ramSize);
  if (!base.ok) return base;
  const drhds = table.structures.filter((s): s is Drhd => s.type === 'DRHD' && s.segment === 0);
  if (drhds.length === 0) return { ok: false, error: 'the table has no DRHD for PCI segment 0: no remapping unit to walk' };
  const interruptRemapping = (table.header.flags & 1) === 1;
  const units: PlatformUnit[] = drhds.map((drhd, i) => {
    const { cap, ecap } = options.registers?.get(drhd.offset) ?? defaultRegisters(table.header.haw, interruptRemapping);
    return { name: `dmar${i}`, registerBase: drhd.registerBaseAddress, includePciAll: drhd.includePciAll, cap, ecap };
  });
  const devices = new Map<string, PlatformDevice>();
  const add = (bdf: string, id: SourceId, unit: number, name: string) => {
    if (devices.has(bdf)) return;
    devices.set(bdf, { sourceId: id, bdf, name, classCode: conventionalClass(bdf), dmaMaskBits: 64, unit, group: [bdf], bars: [], ids: '', driver: 'pci' });
  };
  for (const drhd of drhds) {
    for (const scope of drhd.deviceScopes) {
      const fn = scope.type === 1 && scope.path.length === 1 ? resolveScope(scope, 0) : undefined;
      if (fn === undefined) continue;
      const bdf = `${hex2(fn.bus)}:${hex2(fn.device)}.${fn.function}`;
      const parsed = parseSourceId(bdf);
      if (parsed.ok) add(bdf, parsed.value, unitOf(table, drhds, fn), `PCI endpoint (${structureLabel(drhd)} scope)`);
    }
  }
  for (const text of options.devices ?? []) {
    const parsed = parseSourceId(text);
    if (!parsed.ok || devices.has(text)) continue;
    const fn = { segment: 0, bus: parsed.value >> 8, device: (parsed.value >> 3) & 0x1f, function: parsed.value & 7 };
    const owner = findOwningDrhd(table, fn);
    if (owner.kind === 'include-all') add(text, parsed.value, drhds.indexOf(owner.drhd), `PCI device (${structureLabel(owner.drhd)} INCLUDE_PCI_ALL)`);
  }
  const rmrrs: PlatformRmrr[] = table.structures.flatMap((s) => {
    if (s.type !== 'RMRR' || s.segment !== 0 || s.endAddress < s.baseAddress) return [];
    const pinned = s.deviceScopes.flatMap((scope) => {
      const fn = scope.type === 1 && scope.path.length === 1 ? resolveScope(scope, 0) : undefined;
      return fn === undefined ? [] : [`${hex2(fn.bus)}:${hex2(fn.device)}.${fn.function}`];
    });
    return [{ base: hpa(s.baseAddress & ~0xfffn), size: ((s.endAddress | 0xfffn) + 1n) - (s.baseAddress & ~0xfffn), devices: pinned, purpose: `${structureLabel(s)} of the loaded table` }];
  });
  const sorted = [...devices.values()].sort((a, b) => a.sourceId - b.sourceId);
  return { ok: true, platform: { ...base.platform, haw: table.header.haw, units, devices: sorted, rmrrs } };
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

function unitOf(table: DmarTable, drhds: readonly Drhd[], fn: { segment: number; bus: number; device: number; function: number }): number {
  const owner = findOwningDrhd(table, fn);
  return owner.kind === 'none' ? 0 : Math.max(0, drhds.indexOf(owner.drhd));
}

/**
 * The class a function's BDF implies on Intel chipsets (00:02.0 graphics, 00:14.0 xHCI, 00:1a/1d
 * USB), so an RMRR on them is relaxable as Linux's device_rmrr_is_relaxable() decides; 0 (unknown)
 * for every other function: the table does not carry classes.
 */
function conventionalClass(bdf: string): number {
  if (bdf === '00:02.0') return 0x03_00_00;
  if (/^00:(14|1a|1d)\.\d$/.test(bdf)) return 0x0c_03_00;
  return 0;
}
