import type { ScenarioMode } from '../../src/linux/scenario.ts';
import { readStoredTable } from '../dmar/table-storage.ts';
import { chooseMachineFile, chooseSetup } from '../store/actions.ts';
import { readStoredMachineFile } from '../store/machine-file-storage.ts';
import { KERNEL_CHOICES, RAM_CHOICES, useLabStore } from '../store/lab-store.ts';
import { useT } from '../i18n/i18n.ts';

/** The modes in the order of the radio group (and of the keys 1–4). */
const MODES: readonly ScenarioMode[] = ['disabled', 'pt', 'dma', 'vfio'];

/** The kernel's set-up: a radio group, so arrow keys move between the modes. */
export function ModeToggle() {
  const t = useT();
  const setup = useLabStore((s) => s.setup);
  const loading = useLabStore((s) => s.machine.status === 'loading');
  return (
    <div className="mode">
      <div role="radiogroup" aria-labelledby="mode-label" className="mode-radios">
        <span id="mode-label" className="group-label">
          {t('tr.mode.label')}
        </span>
        {MODES.map((mode) => (
          <label key={mode} title={t(`tr.modeHint.${mode}`)} className={setup.mode === mode ? 'checked' : ''}>
            <input type="radio" name="iommu-mode" value={mode} checked={setup.mode === mode} onChange={() => void chooseSetup({ mode })} />
            {t(`tr.mode.${mode}`)}
          </label>
        ))}
      </div>
      <MachinePicker />
      <KernelAndRam />
      <label className="hwpt" title={t('tr.hwpt.title')}>
        <input type="checkbox" checked={setup.hwPassThrough} onChange={(e) => void chooseSetup({ hwPassThrough: e.target.checked })} />
        {t('tr.hwpt')}
      </label>
      <p className="mode-hint" aria-live="polite">
        {loading ? t('tr.settingUp') : t(`tr.modeHint.${setup.mode}`)}
      </p>
    </div>
  );
}

/** The machine the modes are built on: the sample platform, or the DMAR table loaded in its view. */
function MachinePicker() {
  const t = useT();
  const machine = useLabStore((s) => s.setup.machine);
  const fileError = useLabStore((s) => s.machineFileError);
  const stored = readStoredTable();
  const name = stored.kind === 'table' ? stored.table.name : undefined;
  const file = readStoredMachineFile();
  return (
    <>
      <label className="machine-picker">
        {t('tr.machine')}
        <select value={machine} onChange={(e) => void chooseSetup({ machine: e.target.value === 'dmar' ? 'dmar' : e.target.value === 'file' ? 'file' : 'sample' })}>
          <option value="sample">{t('tr.machine.sample')}</option>
          <option value="dmar" disabled={name === undefined && machine !== 'dmar'}>
            {name === undefined ? t('tr.machine.noDmar') : t('tr.machine.dmar', { name })}
          </option>
          <option value="file" disabled={file === undefined && machine !== 'file'}>
            {file === undefined ? t('tr.machine.noFile') : t('tr.machine.file', { name: file.name })}
          </option>
        </select>
      </label>
      <label className="machine-file" title={t('tr.machineFile.hint')}>
        {t('tr.machineFile.load')}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen !== undefined) void chosen.text().then((text) => chooseMachineFile({ name: chosen.name, text }));
          }}
        />
      </label>
      {fileError !== undefined && (
        <p role="alert" className="input-error">
          {fileError}
        </p>
      )}
    </>
  );
}

/** The kernel version whose behaviour the modes follow, and the host's RAM. */
function KernelAndRam() {
  const t = useT();
  const { kernel, ramSize } = useLabStore((s) => s.setup);
  return (
    <>
      <label className="machine-picker" title={t('tr.kernel.title')}>
        {t('tr.kernel')}
        <select value={kernel} onChange={(e) => void chooseSetup({ kernel: e.target.value })}>
          {KERNEL_CHOICES.map((k) => (
            <option key={k} value={k}>
              Linux {k}
            </option>
          ))}
        </select>
      </label>
      <label className="machine-picker" title={t('tr.ram.title')}>
        {t('tr.ram')}
        <select value={ramSize} onChange={(e) => void chooseSetup({ ramSize: e.target.value })}>
          {RAM_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r.replace('GiB', ' GiB')}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
