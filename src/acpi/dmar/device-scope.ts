import { DIAGNOSTICS, type Diagnostic } from './diagnostics.ts';
import type { ByteField } from './structure-spec.ts';
import type { DeviceScope, PciPathEntry } from './table.ts';
import { u8 } from './table-bytes.ts';

/** Device scope entry, VT-d 4.1 §8.3.1: Type 0, Length 1, Flags 2, Reserved 3, Enumeration ID 4, Start Bus 5, Path 6…. */
export const DEVICE_SCOPE_FIELDS: readonly ByteField[] = [
  { name: 'Type', offset: 0, size: 1 },
  { name: 'Length', offset: 1, size: 1 },
  { name: 'Flags', offset: 2, size: 1 },
  { name: 'Reserved', offset: 3, size: 1 },
  { name: 'Enumeration ID', offset: 4, size: 1 },
  { name: 'Start Bus Number', offset: 5, size: 1 },
];

export const DEVICE_SCOPE_HEADER_SIZE = 6;

/**
 * Reads the device scopes between `start` and `end` (the end of the owning structure, already
 * clipped to the table). Stops at the first scope whose Length is too small or runs past `end`,
 * with a diagnostic naming its offset; never reads outside [start, end).
 */
export function parseDeviceScopes(
  bytes: Uint8Array,
  start: number,
  end: number,
  owner: { readonly label: string },
  diagnostics: Diagnostic[],
): DeviceScope[] {
  const scopes: DeviceScope[] = [];
  for (let at = start; at < end; ) {
    const path = [owner.label, `scope#${scopes.length}`];
    const left = end - at;
    if (left < DEVICE_SCOPE_HEADER_SIZE) {
      diagnostics.push(DIAGNOSTICS.scopeHeaderTruncated({ offset: at, length: left, path }, owner.label, left));
      break;
    }
    const length = u8(bytes, at + 1);
    if (length < DEVICE_SCOPE_HEADER_SIZE) {
      diagnostics.push(DIAGNOSTICS.scopeLengthTooSmall({ offset: at + 1, length: 1, path: [...path, 'Length'] }, owner.label, length));
      break;
    }
    if (length > left) {
      diagnostics.push(DIAGNOSTICS.scopePassesStructureEnd({ offset: at, length: left, path: [...path, 'Length'] }, owner.label, length, end));
      break;
    }
    if ((length - DEVICE_SCOPE_HEADER_SIZE) % 2 === 1) {
      diagnostics.push(DIAGNOSTICS.scopeLengthOdd({ offset: at + 1, length: 1, path: [...path, 'Length'] }, owner.label, length));
    }
    scopes.push(decodeScope(bytes, at, length));
    at += length;
  }
  return scopes;
}

function decodeScope(bytes: Uint8Array, at: number, length: number): DeviceScope {
  const hops: PciPathEntry[] = [];
  for (let p = at + DEVICE_SCOPE_HEADER_SIZE; p + 1 < at + length; p += 2) {
    hops.push({ device: u8(bytes, p), function: u8(bytes, p + 1) });
  }
  return {
    offset: at,
    length,
    type: u8(bytes, at),
    flags: u8(bytes, at + 2),
    reserved: u8(bytes, at + 3),
    enumerationId: u8(bytes, at + 4),
    startBus: u8(bytes, at + 5),
    path: hops,
  };
}
