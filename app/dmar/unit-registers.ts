/**
 * CAP/ECAP the user gave the units of a loaded DMAR table (the table does not carry them), kept in
 * localStorage per table: a table is known by a fingerprint of its bytes, so another table starts
 * from the defaults again.
 */
const KEY = 'iommu-lab.dmar-unit-registers';

export interface UnitRegisterText {
  readonly drhdOffset: number;
  readonly cap: string;
  readonly ecap: string;
}

/** FNV-1a over the bytes: a name for the table, not a check of it. */
function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `${bytes.length}:${hash.toString(16)}`;
}

export function readUnitRegisters(bytes: Uint8Array): UnitRegisterText[] {
  try {
    const record: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? 'null');
    if (typeof record !== 'object' || record === null) return [];
    const { table, units } = record as { table?: unknown; units?: unknown };
    if (table !== fingerprint(bytes) || !Array.isArray(units)) return [];
    return units.filter((u): u is UnitRegisterText => typeof u?.drhdOffset === 'number' && typeof u?.cap === 'string' && typeof u?.ecap === 'string');
  } catch {
    return [];
  }
}

/** Keeps one unit's registers for this table; returns why it could not, or undefined. */
export function storeUnitRegisters(bytes: Uint8Array, unit: UnitRegisterText): string | undefined {
  const units = [...readUnitRegisters(bytes).filter((u) => u.drhdOffset !== unit.drhdOffset), unit];
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ table: fingerprint(bytes), units }));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
