import type { SourceId } from '../pci/source-id.ts';
import type { Machine } from '../vtd/machine.ts';
import { buildScenario, type Scenario, type ScenarioOptions } from './scenario.ts';

/** The remapping unit a request goes through, as the kernel left it. */
export interface UnitState {
  readonly name: string;
  readonly machine: Machine;
}

/**
 * A scenario builds the unit of the device it follows. A request from a device behind another
 * unit of the platform (the iGPU behind a graphics-dedicated DRHD, say) is remapped by that unit,
 * which the kernel brought up in the same mode (init_dmars programs every DRHD). This builds that
 * unit's state on demand, once per unit: the same mode for another device of it; in VFIO mode the
 * host's own DMA-domain state, since assigning one group changes only its unit. A source-id no
 * scope names goes through the segment's INCLUDE_PCI_ALL unit (dmar_find_matched_drhd_unit).
 */
export function createUnitResolver(scenario: Scenario, options: ScenarioOptions): (sourceId: SourceId) => UnitState {
  const { platform } = scenario;
  const own: UnitState = { name: scenario.unit.name, machine: scenario.machine };
  const ownIndex = scenario.device.unit;
  const others = new Map<number, UnitState | undefined>();
  const unitIndexOf = (sourceId: SourceId): number => {
    const device = platform.devices.find((d) => d.sourceId === sourceId);
    return device?.unit ?? platform.units.findIndex((u) => u.includePciAll);
  };
  return (sourceId) => {
    const index = unitIndexOf(sourceId);
    if (index < 0 || index === ownIndex) return own;
    if (!others.has(index)) {
      const device = platform.devices.find((d) => d.unit === index);
      const built =
        device === undefined
          ? undefined
          : buildScenario({
              mode: options.mode === 'vfio' ? 'dma' : options.mode,
              device: device.bdf,
              platform,
              ...(options.hwPassThrough !== undefined ? { hwPassThrough: options.hwPassThrough } : {}),
              ...(options.kernel !== undefined ? { kernel: options.kernel } : {}),
            });
      others.set(index, built?.ok ? { name: built.scenario.unit.name, machine: built.scenario.machine } : undefined);
    }
    return others.get(index) ?? own;
  };
}
