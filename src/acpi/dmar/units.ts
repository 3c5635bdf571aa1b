import { encodeCap, encodeEcap } from '../../vtd/registers.ts';
import type { UnitRegisters } from '../../vtd/machine.ts';
import type { Hpa } from '../../hex.ts';
import { structureLabel, type DeviceScope, type DmarTable, type Drhd } from './table.ts';

/**
 * A remapping unit of the simulated machine, made from one DRHD. The DMAR table says where the
 * unit's registers are and what it covers, not what it can do: CAP and ECAP are defaults the
 * user can edit (a QEMU-like unit: SAGAW 39-bit, plus 48-bit when HAW ≥ 48; QI, PT, and IR when
 * the table's INTR_REMAP flag is set).
 */
export interface RemappingUnit {
  readonly label: string;
  readonly drhdOffset: number;
  readonly segment: number;
  readonly registerBaseAddress: Hpa;
  /** 4 KiB << DRHD Size (Linux dmar_parse_one_drhd: reg_size = 1 << (size + 12)). */
  readonly registerSetBytes: number;
  readonly includePciAll: boolean;
  readonly deviceScopes: readonly DeviceScope[];
  /** From an RHSA naming this unit's base, if any. */
  readonly proximityDomain: number | undefined;
  readonly registers: UnitRegisters;
}

export function defaultRegisters(haw: number, interruptRemapping: boolean): UnitRegisters {
  const wide = haw >= 48;
  return {
    haw,
    cap: encodeCap({ sagaw: wide ? 0b00110 : 0b00010, mgaw: wide ? 48 : 39, sllps: 0b0011 }),
    ecap: encodeEcap({ qi: true, pt: true, ir: interruptRemapping }),
    rtaddr: 0n,
    translationEnabled: false,
  };
}

/** One unit per DRHD, in table order. */
export function dmarToUnits(table: DmarTable): RemappingUnit[] {
  const interruptRemapping = (table.header.flags & 1) === 1;
  return table.structures
    .filter((s): s is Drhd => s.type === 'DRHD')
    .map((drhd) => ({
      label: structureLabel(drhd),
      drhdOffset: drhd.offset,
      segment: drhd.segment,
      registerBaseAddress: drhd.registerBaseAddress,
      registerSetBytes: 4096 * 2 ** (drhd.size & 0xf),
      includePciAll: drhd.includePciAll,
      deviceScopes: drhd.deviceScopes,
      proximityDomain: proximityOf(table, drhd),
      registers: defaultRegisters(table.header.haw, interruptRemapping),
    }));
}

function proximityOf(table: DmarTable, drhd: Drhd): number | undefined {
  for (const s of table.structures) if (s.type === 'RHSA' && s.registerBaseAddress === drhd.registerBaseAddress) return s.proximityDomain;
  return undefined;
}
