import type { ScenarioMode } from '../../src/linux/scenario.ts';
import { readStoredTable } from '../dmar/table-storage.ts';
import { chooseSetup } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';

export const MODE_LABEL: Readonly<Record<ScenarioMode, string>> = {
  disabled: 'IOMMU disabled',
  pt: 'iommu=pt',
  dma: 'DMA domain',
  vfio: 'VFIO passthrough',
};

const MODE_HINT: Readonly<Record<ScenarioMode, string>> = {
  disabled: 'intel_iommu=off: dma-direct, the DMA address is the physical address',
  pt: 'identity default domain: TT=10, or the si_domain 1:1 tables without ECAP.PT',
  dma: 'the default with the IOMMU on: a paging domain and the IOVA allocator',
  vfio: 'the device assigned to a VM: guest-physical addresses translated to host-physical',
};

/** The kernel's set-up: a radio group, so arrow keys move between the modes. */
export function ModeToggle() {
  const setup = useLabStore((s) => s.setup);
  const loading = useLabStore((s) => s.machine.status === 'loading');
  return (
    <div className="mode">
      <div role="radiogroup" aria-labelledby="mode-label" className="mode-radios">
        <span id="mode-label" className="group-label">
          IOMMU mode
        </span>
        {(Object.keys(MODE_LABEL) as ScenarioMode[]).map((mode) => (
          <label key={mode} title={MODE_HINT[mode]} className={setup.mode === mode ? 'checked' : ''}>
            <input type="radio" name="iommu-mode" value={mode} checked={setup.mode === mode} onChange={() => void chooseSetup({ mode })} />
            {MODE_LABEL[mode]}
          </label>
        ))}
      </div>
      <MachinePicker />
      <label className="hwpt" title="ECAP.PT: the unit can pass requests through untranslated (context TT=10)">
        <input type="checkbox" checked={setup.hwPassThrough} onChange={(e) => void chooseSetup({ hwPassThrough: e.target.checked })} />
        hardware pass-through supported
      </label>
      <p className="mode-hint" aria-live="polite">
        {loading ? 'Setting up…' : MODE_HINT[setup.mode]}
      </p>
    </div>
  );
}

/** The machine the modes are built on: the sample platform, or the DMAR table loaded in its view. */
function MachinePicker() {
  const machine = useLabStore((s) => s.setup.machine);
  const stored = readStoredTable();
  const name = stored.kind === 'table' ? stored.table.name : undefined;
  return (
    <label className="machine-picker">
      Machine
      <select value={machine} onChange={(e) => void chooseSetup({ machine: e.target.value === 'dmar' ? 'dmar' : 'sample' })}>
        <option value="sample">Sample platform (built in)</option>
        <option value="dmar" disabled={name === undefined && machine !== 'dmar'}>
          {name === undefined ? 'DMAR table (load one in the DMAR table view)' : `DMAR table: ${name}`}
        </option>
      </select>
    </label>
  );
}
