import type { Hpa } from '../../hex.ts';

/**
 * The decoded DMAR table (ACPI DMAR, VT-d 4.1 §8). Every structure keeps its byte offset and its
 * Length field as found; multi-byte fields are little-endian; addresses are bigint.
 */

/** The standard ACPI header plus the DMAR fields, VT-d §8.1 (48 bytes). */
export interface DmarHeader {
  readonly signature: string;
  /** Length field at 0x4 (whole table in bytes), as written by the firmware. */
  readonly length: number;
  readonly revision: number;
  readonly checksum: number;
  /** The bytes of the table sum to 0 mod 256 (ACPICA AcpiUtVerifyChecksum). */
  readonly checksumValid: boolean;
  readonly oemId: string;
  readonly oemTableId: string;
  readonly oemRevision: number;
  readonly creatorId: string;
  readonly creatorRevision: number;
  /** Host address width in bits: the field at 0x24 plus 1 (Linux prints this number). */
  readonly haw: number;
  /** Bit 0 INTR_REMAP, bit 1 X2APIC_OPT_OUT, bit 2 DMA_CTRL_PLATFORM_OPT_IN_FLAG. */
  readonly flags: number;
}

/** One (Device, Function) hop of a device scope path, VT-d §8.3.1. */
export interface PciPathEntry {
  readonly device: number;
  readonly function: number;
}

/** Device scope types, VT-d §8.3.1 Table 9 (0 and ≥ 6 reserved). */
export const SCOPE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'PCI endpoint',
  2: 'PCI sub-hierarchy',
  3: 'IOAPIC',
  4: 'MSI-capable HPET',
  5: 'ACPI namespace device',
};

export interface DeviceScope {
  /** Offset in the table. */
  readonly offset: number;
  readonly length: number;
  readonly type: number;
  /** Byte 2 (SIDP scope flags in VT-d 4.x; reserved before). */
  readonly flags: number;
  readonly reserved: number;
  readonly enumerationId: number;
  readonly startBus: number;
  readonly path: readonly PciPathEntry[];
}

interface StructureBase {
  readonly offset: number;
  /** The Length field; the bytes decoded are clipped to the table end when it lies. */
  readonly length: number;
  readonly typeCode: number;
  /** Position among the structures of the same type: DRHD#0, DRHD#1, … */
  readonly index: number;
}

/** DMA Remapping Hardware Unit Definition, type 0, VT-d §8.3. */
export interface Drhd extends StructureBase {
  readonly type: 'DRHD';
  readonly flags: number;
  readonly includePciAll: boolean;
  /** Register set size: 2^size 4 KiB pages (VT-d 4.x; reserved, so 0, before). */
  readonly size: number;
  readonly segment: number;
  readonly registerBaseAddress: Hpa;
  readonly deviceScopes: readonly DeviceScope[];
}

/** Reserved Memory Region Reporting, type 1, VT-d §8.4. */
export interface Rmrr extends StructureBase {
  readonly type: 'RMRR';
  readonly reserved: number;
  readonly segment: number;
  readonly baseAddress: Hpa;
  /** Last byte of the region (inclusive). */
  readonly endAddress: Hpa;
  readonly deviceScopes: readonly DeviceScope[];
}

/** Root Port ATS Capability Reporting, type 2, VT-d §8.5. */
export interface Atsr extends StructureBase {
  readonly type: 'ATSR';
  readonly flags: number;
  readonly allPorts: boolean;
  readonly reserved: number;
  readonly segment: number;
  readonly deviceScopes: readonly DeviceScope[];
}

/** Remapping Hardware Static Affinity, type 3, VT-d §8.6. */
export interface Rhsa extends StructureBase {
  readonly type: 'RHSA';
  readonly reserved: number;
  readonly registerBaseAddress: Hpa;
  readonly proximityDomain: number;
}

/** ACPI Name-space Device Declaration, type 4, VT-d §8.7. */
export interface Andd extends StructureBase {
  readonly type: 'ANDD';
  readonly reserved: number;
  readonly acpiDeviceNumber: number;
  readonly objectName: string;
  /** A NUL ends the name within Length (Linux dmar_parse_one_andd rejects the table otherwise). */
  readonly nameTerminated: boolean;
}

/** SoC Integrated Address Translation Cache, type 5, VT-d §8.8. */
export interface Satc extends StructureBase {
  readonly type: 'SATC';
  readonly flags: number;
  readonly atcRequired: boolean;
  readonly reserved: number;
  readonly segment: number;
  readonly deviceScopes: readonly DeviceScope[];
}

/** SoC Integrated Device Property, type 6, VT-d 4.x §8.9. */
export interface Sidp extends StructureBase {
  readonly type: 'SIDP';
  readonly reserved: number;
  readonly segment: number;
  readonly deviceScopes: readonly DeviceScope[];
}

/** A reserved type (≥ 7), or a known type too short for its fixed part: raw bytes. */
export interface UnknownStructure extends StructureBase {
  readonly type: 'unknown';
  readonly bytes: Uint8Array;
}

export type DmarStructure = Drhd | Rmrr | Atsr | Rhsa | Andd | Satc | Sidp | UnknownStructure;
export type ScopedStructure = Drhd | Rmrr | Atsr | Satc | Sidp;
export type StructureType = DmarStructure['type'];

export interface DmarTable {
  readonly header: DmarHeader;
  readonly structures: readonly DmarStructure[];
  /** The table's bytes (what the offsets refer to). */
  readonly bytes: Uint8Array;
}

/** The label a structure has in paths and messages: `DRHD#0`, `unknown#1`. */
export const structureLabel = (s: Pick<DmarStructure, 'type' | 'index'>): string => `${s.type}#${s.index}`;

export const hasScopes = (s: DmarStructure): s is ScopedStructure =>
  s.type === 'DRHD' || s.type === 'RMRR' || s.type === 'ATSR' || s.type === 'SATC' || s.type === 'SIDP';
