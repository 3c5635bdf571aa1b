import type { ParseResult } from '../hex.ts';

/**
 * The 16-bit requester ID a PCI function puts on each request: bus 15:8, device 7:3, function
 * 2:0 (VT-d 4.1 §3.4.1; QEMU vtd_make_source_id). "BDF" is only its text form, `02:00.0`.
 */
export type SourceId = number & { readonly __sourceId: true };

export const sourceId = (bus: number, device: number, fn: number): SourceId =>
  (((bus & 0xff) << 8) | ((device & 0x1f) << 3) | (fn & 0x7)) as SourceId;

export const busOf = (id: SourceId): number => id >> 8;
export const devfnOf = (id: SourceId): number => id & 0xff;
export const deviceOf = (id: SourceId): number => (id >> 3) & 0x1f;
export const functionOf = (id: SourceId): number => id & 0x7;

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** `02:00.0`, as lspci and the kernel's DMAR fault lines print it. */
export function formatSourceId(id: SourceId): string {
  return `${hex2(busOf(id))}:${hex2(deviceOf(id))}.${functionOf(id)}`;
}

const BDF = /^(?:([0-9a-f]{4}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\.([0-7])$/i;

/**
 * Parses `BB:DD.F` (hex bus and device, function 0–7), optionally with a `0000:` segment
 * prefix. Bad text returns `ok: false` naming what is wrong.
 */
export function parseSourceId(text: string): ParseResult<SourceId> {
  const m = BDF.exec(text.trim());
  if (!m) return { ok: false, error: `"${text}" is not a PCI address (expected BB:DD.F, e.g. 02:00.0)` };
  const [, segment, bus, device, fn] = m;
  if (segment !== undefined && Number.parseInt(segment, 16) !== 0) {
    return { ok: false, error: `"${text}": only PCI segment 0000 is modelled` };
  }
  const d = Number.parseInt(device ?? '', 16);
  if (d > 0x1f) return { ok: false, error: `"${text}": device ${hex2(d)} is above 1f (devices are 5 bits)` };
  return { ok: true, value: sourceId(Number.parseInt(bus ?? '', 16), d, Number(fn)) };
}
