import { hexOffset } from './diagnostics.ts';
import type { DeviceScope } from './table.ts';

/** Which other checker reports the same problem: FWTS `dmar` test, Linux dmar.c/iommu.c, edk2's dmar_parser.py (and Project Mu's DMA audit on it), ACPICA. */
export type Checker = 'fwts' | 'linux' | 'edk2' | 'acpica';

export interface LintFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly alsoReportedBy: readonly Checker[];
}

/** One memory range [base, end] inclusive, with its e820 type (1 usable, 2 reserved, 3 ACPI, 4 NVS, …). */
export interface E820Range {
  readonly base: bigint;
  readonly end: bigint;
  readonly type: number;
}

export const E820_RESERVED = 2;

/** `0x000000007dffd000`, as Linux prints RMRR bounds (%#018Lx). */
export const hex18 = (value: bigint): string => `0x${value.toString(16).padStart(16, '0')}`;

/** `00:1d.0` for one-hop scopes; `00:1c.7→00.2` for multi-hop ones (later hops' buses need the topology). */
export function scopeText(scope: DeviceScope): string {
  const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
  const [first, ...rest] = scope.path;
  if (first === undefined) return `${hex2(scope.startBus)}:(no path)`;
  return `${hex2(scope.startBus)}:${hex2(first.device)}.${first.function}${rest.map((h) => `→${hex2(h.device)}.${h.function}`).join('')}`;
}

export const at = (offset: number): string => hexOffset(offset);
