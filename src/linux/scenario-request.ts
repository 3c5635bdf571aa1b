import { parseHex } from '../hex.ts';
import type { Platform } from '../platform/sample-platform.ts';
import { parseDmarInput } from '../acpi/dmar/text-input.ts';
import { platformFromDmar } from '../platform/dmar-platform.ts';
import { parseSize } from '../platform/size.ts';
import type { CallPaths } from './call-path.ts';
import { formatKernel, parseKernelVersion } from './kernel-version.ts';
import type { ContextProgram } from './remapping-unit.ts';
import { SCENARIO_MODES, type DeviceTranslation, type Scenario, type ScenarioMapping, type ScenarioMode, type ScenarioOptions, type VfioState } from './scenario.ts';
import { HUGEPAGE_SIZES, type Hugepages } from './vfio-guest.ts';

/** A scenario request as the app sends it: the user's text, validated here. */
export interface ScenarioRequestFields {
  readonly mode: string;
  readonly device?: string;
  readonly hwPassThrough?: boolean;
  /** "6.12", "5.10", … */
  readonly kernel?: string;
  /** "16GiB" or "0x400000000". */
  readonly ramSize?: string;
  readonly guestRamSize?: string;
  readonly hugepages?: string;
  /** Buffers: physical address "0x…" and size ("0x3000", "4KiB"). */
  readonly maps?: readonly { readonly phys: string; readonly size: string }[];
  /** A DMAR table (binary, acpidump or iasl text) to build the platform from instead of the sample's. */
  readonly dmar?: Uint8Array;
  /** CAP/ECAP the user gave a DMAR table's units, by the DRHD's byte offset ("0x…"). */
  readonly dmarRegisters?: readonly { readonly drhdOffset: number; readonly cap: string; readonly ecap: string }[];
}

export type ScenarioOptionsResult = { readonly ok: true; readonly options: ScenarioOptions } | { readonly ok: false; readonly field: string; readonly error: string };

/** Turns the request's text into scenario options; the first bad field is named, nothing throws. */
export function parseScenarioRequest(fields: ScenarioRequestFields): ScenarioOptionsResult {
  const fail = (field: string, error: string): ScenarioOptionsResult => ({ ok: false, field, error });
  if (!(SCENARIO_MODES as readonly string[]).includes(fields.mode)) return fail('mode', `"${fields.mode}" is not one of ${SCENARIO_MODES.join(', ')}`);
  const options: { -readonly [K in keyof ScenarioOptions]: ScenarioOptions[K] } = { mode: fields.mode as ScenarioMode };
  if (fields.device !== undefined) options.device = fields.device;
  if (fields.hwPassThrough !== undefined) options.hwPassThrough = fields.hwPassThrough;
  if (fields.kernel !== undefined) {
    const kernel = parseKernelVersion(fields.kernel);
    if (!kernel.ok) return fail('kernel', kernel.error);
    options.kernel = kernel.value;
  }
  for (const name of ['ramSize', 'guestRamSize'] as const) {
    const text = fields[name];
    if (text === undefined) continue;
    const size = parseSize(text);
    if (!size.ok) return fail(name, size.error);
    options[name] = size.value;
  }
  if (fields.hugepages !== undefined) {
    if (!(fields.hugepages in HUGEPAGE_SIZES)) return fail('hugepages', `"${fields.hugepages}" is not one of 4KiB, 2MiB, 1GiB`);
    options.hugepages = fields.hugepages as Hugepages;
  }
  const maps: { phys: bigint; size: bigint }[] = [];
  for (const [index, buffer] of (fields.maps ?? []).entries()) {
    const phys = parseHex(buffer.phys);
    if (!phys.ok) return fail(`maps[${index}].phys`, phys.error);
    const size = parseSize(buffer.size);
    if (!size.ok) return fail(`maps[${index}].size`, size.error);
    maps.push({ phys: phys.value, size: size.value });
  }
  options.maps = maps;
  if (fields.dmar !== undefined) {
    const { table, diagnostics } = parseDmarInput(fields.dmar);
    const error = diagnostics.find((d) => d.severity === 'error');
    if (table === undefined || error !== undefined) return fail('dmar', `the loaded DMAR table: ${error?.message ?? 'no table'} (offset 0x${(error?.offset ?? 0).toString(16)})`);
    const registers = new Map<number, { cap: bigint; ecap: bigint }>();
    for (const [index, unit] of (fields.dmarRegisters ?? []).entries()) {
      const cap = parseHex(unit.cap);
      if (!cap.ok) return fail(`dmarRegisters[${index}].cap`, cap.error);
      const ecap = parseHex(unit.ecap);
      if (!ecap.ok) return fail(`dmarRegisters[${index}].ecap`, ecap.error);
      registers.set(unit.drhdOffset, { cap: cap.value, ecap: ecap.value });
    }
    const platform = platformFromDmar(table, { ...(options.ramSize !== undefined ? { ramSize: options.ramSize } : {}), devices: fields.device !== undefined ? [fields.device] : [], registers });
    if (!platform.ok) return fail('dmar', `the loaded DMAR table: ${platform.error}`);
    options.platform = platform.platform;
  }
  return { ok: true, options };
}

/** A scenario as plain data (bigint addresses; no machine, no functions), for postMessage and the UI. */
export interface ScenarioSummary {
  readonly mode: ScenarioMode;
  readonly kernel: string;
  readonly device: { readonly bdf: string; readonly name: string; readonly dmaMaskBits: number; readonly group: readonly string[] };
  readonly unit: string;
  /** The sample platform as built for this RAM size: units, devices, RMRRs, e820 map, windows (plain data). */
  readonly platform: Platform;
  readonly hwPassThrough: boolean;
  readonly translation: DeviceTranslation;
  readonly contexts: readonly ContextProgram[];
  readonly mappings: readonly ScenarioMapping[];
  /** Everything of VfioState but its GPA → HPA function. */
  readonly vfio?: Omit<VfioState, 'hpaOfGpa'>;
  readonly callPath: CallPaths;
  readonly bootLog: readonly string[];
  readonly kernelParameters: readonly string[];
  readonly notes: readonly string[];
}

export function summarizeScenario(scenario: Scenario): ScenarioSummary {
  const { device, vfio } = scenario;
  return {
    mode: scenario.mode,
    kernel: formatKernel(scenario.kernel),
    device: { bdf: device.bdf, name: device.name, dmaMaskBits: device.dmaMaskBits, group: device.group },
    unit: scenario.unit.name,
    platform: scenario.platform,
    hwPassThrough: scenario.hwPassThrough,
    translation: scenario.translation,
    contexts: scenario.contexts.map((c) => ({ ...c })),
    mappings: scenario.mappings.map((m) => ({ ...m })),
    ...(vfio ? { vfio: { group: vfio.group, did: vfio.did, split: vfio.split, guestRamSize: vfio.guestRamSize, hugepages: vfio.hugepages, holes: vfio.holes } } : {}),
    callPath: scenario.callPath,
    bootLog: scenario.bootLog,
    kernelParameters: scenario.kernelParameters,
    notes: scenario.notes,
  };
}
