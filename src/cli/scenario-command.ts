import { parseHex, toHex } from '../hex.ts';
import { formatKernel, parseKernelVersion } from '../linux/kernel-version.ts';
import { buildScenario, SCENARIO_MODES, type Scenario, type ScenarioMode } from '../linux/scenario.ts';
import { HUGEPAGE_SIZES, type Hugepages } from '../linux/vfio-guest.ts';
import { saveMachine } from '../machine-file.ts';
import { parseSize } from '../platform/size.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './errors.ts';

/** A size option, or a usage error naming it. */
function sizeOption(option: string, text: string): bigint {
  const size = parseSize(text);
  if (!size.ok) throw new UsageError(`${option}: ${size.error}`);
  return size.value;
}

/** `--map 0xPHYS:SIZE`: a buffer's physical address (any offset) and length. */
function parseMap(text: string): { phys: bigint; size: bigint } {
  const [phys, size, extra] = text.split(':');
  if (phys === undefined || size === undefined || extra !== undefined) throw new UsageError(`--map: "${text}" is not 0xPHYS:0xSIZE`);
  const address = parseHex(phys);
  if (!address.ok) throw new UsageError(`--map ${text}: ${address.error}`);
  return { phys: address.value, size: sizeOption(`--map ${text}`, size) };
}

const isMode = (text: string): text is ScenarioMode => (SCENARIO_MODES as readonly string[]).includes(text);
const isHugepages = (text: string): text is Hugepages => text in HUGEPAGE_SIZES;

/**
 * `scenario MODE [--device BB:DD.F] [--no-hw-pt] [--kernel X.Y] [--ram SIZE] [--map 0xPHYS:SIZE]…
 * [--guest-ram SIZE] [--hugepages 4KiB|2MiB|1GiB] [--json]`
 */
export function scenarioCommand(args: string[]): string {
  const { values, positionals } = parseCommandArgs(args, {
    device: { type: 'string' },
    'no-hw-pt': { type: 'boolean', default: false },
    kernel: { type: 'string' },
    ram: { type: 'string' },
    map: { type: 'string', multiple: true },
    'guest-ram': { type: 'string' },
    hugepages: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const [mode, extra] = positionals;
  if (mode === undefined) throw new UsageError(`missing MODE (one of ${SCENARIO_MODES.join(', ')})`);
  if (!isMode(mode)) throw new UsageError(`unknown mode "${mode}" (expected one of ${SCENARIO_MODES.join(', ')})`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  let kernel;
  if (values.kernel !== undefined) {
    const parsed = parseKernelVersion(values.kernel);
    if (!parsed.ok) throw new UsageError(`--kernel: ${parsed.error}`);
    kernel = parsed.value;
  }
  if (values.hugepages !== undefined && !isHugepages(values.hugepages)) throw new UsageError(`--hugepages: "${values.hugepages}" is not one of 4KiB, 2MiB, 1GiB`);
  if (values.hugepages !== undefined && mode !== 'vfio') throw new UsageError('--hugepages applies to vfio only');
  const result = buildScenario({
    mode,
    hwPassThrough: !values['no-hw-pt'],
    maps: (values.map ?? []).map(parseMap),
    ...(values.device !== undefined ? { device: values.device } : {}),
    ...(kernel !== undefined ? { kernel } : {}),
    ...(values.ram !== undefined ? { ramSize: sizeOption('--ram', values.ram) } : {}),
    ...(values['guest-ram'] !== undefined ? { guestRamSize: sizeOption('--guest-ram', values['guest-ram']) } : {}),
    ...(values.hugepages !== undefined && isHugepages(values.hugepages) ? { hugepages: values.hugepages } : {}),
  });
  if (!result.ok) throw new UsageError(`${OPTION_OF_FIELD[result.field.replace(/\[\d+\]$/, '')] ?? result.field}: ${result.error}`);
  return values.json ? JSON.stringify(scenarioJson(result.scenario)) : scenarioText(result.scenario);
}

const OPTION_OF_FIELD: Readonly<Record<string, string>> = { device: '--device', ramSize: '--ram', guestRamSize: '--guest-ram', maps: '--map' };

/** The CLI's JSON form of a scenario: addresses as "0x…", the machine in the machine-file format. */
function scenarioJson(scenario: Scenario): Record<string, unknown> {
  const { vfio } = scenario;
  return {
    mode: scenario.mode,
    kernel: formatKernel(scenario.kernel),
    device: scenario.device.bdf,
    deviceName: scenario.device.name,
    unit: scenario.unit.name,
    hwPassThrough: scenario.hwPassThrough,
    translation: scenario.translation,
    machine: saveMachine(scenario.machine),
    contexts: scenario.contexts.map((c) => ({ ...c, slptptr: toHex(c.slptptr) })),
    mappings: scenario.mappings.map((m) => ({
      iova: toHex(m.iova),
      hpa: toHex(m.hpa),
      size: toHex(m.size),
      kind: m.kind,
      ...(m.allocated ? { allocated: { iova: toHex(m.allocated.iova), size: toHex(m.allocated.size) } } : {}),
      ...(m.bounce ? { bounce: { buffer: toHex(m.bounce.buffer) } } : {}),
    })),
    ...(vfio
      ? {
          vfio: {
            group: vfio.group,
            did: vfio.did,
            guestRam: toHex(vfio.guestRamSize),
            belowFourG: toHex(vfio.split.belowFourG),
            aboveFourG: toHex(vfio.split.aboveFourG),
            hugepages: vfio.hugepages,
            holes: vfio.holes.map((h) => ({ gpa: toHex(h.gpa), size: toHex(h.size) })),
          },
        }
      : {}),
    callPath: scenario.callPath,
    bootLog: scenario.bootLog,
    kernelParameters: scenario.kernelParameters,
    notes: scenario.notes,
  };
}

function scenarioText(scenario: Scenario): string {
  const lines = [
    `${scenario.mode} on Linux ${formatKernel(scenario.kernel)}: ${scenario.device.bdf} ${scenario.device.name} behind ${scenario.unit.name} (${scenario.translation})`,
    `kernel parameters: ${scenario.kernelParameters.join(' ')}`,
    '',
    'context entries:',
    ...scenario.contexts.map((c) => `  ${c.bdf}  TT=${c.tt.toString(2).padStart(2, '0')} DID ${c.did} AW ${c.aw} SLPTPTR ${toHex(c.slptptr)}  ${c.domain}`),
    '',
    'mappings (iova -> hpa, size):',
    ...scenario.mappings.map((m) => `  ${toHex(m.iova)} -> ${toHex(m.hpa)}  ${toHex(m.size)}  ${m.kind}${m.bounce ? ` (swiotlb bounce of ${toHex(m.bounce.buffer)})` : ''}`),
    '',
    `dma_map_page, Linux ${scenario.callPath[scenario.callPath.applies].kernel}:`,
    ...scenario.callPath[scenario.callPath.applies].frames.map((f) => `  ${f.side === 'guest' ? '[guest] ' : ''}${f.function} (${f.file}): ${f.does}`),
    '',
    'boot log:',
    ...scenario.bootLog.map((l) => `  ${l}`),
    '',
    ...scenario.notes,
  ];
  return lines.join('\n');
}
