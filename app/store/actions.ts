import { toHex } from '../../src/hex.ts';
import { readStoredTable } from '../dmar/table-storage.ts';
import { readUnitRegisters } from '../dmar/unit-registers.ts';
import { ask } from '../engine/engine-client.ts';
import { t } from '../i18n/i18n.ts';
import { useLabStore, type RequestFields, type Setup } from './lab-store.ts';
import { buffersFor, defaultRequest } from './mode-defaults.ts';
import { readStoredMachineFile, storeMachineFile, type StoredMachineFile } from './machine-file-storage.ts';
import { readStoredState, readUrlState, STORAGE_KEY, storedStateText, urlSearch } from './saved-state.ts';

const set = useLabStore.setState;
const get = useLabStore.getState;

type History = 'push' | 'replace' | 'none';

/**
 * Builds the machine for a set-up on the sample platform: the kernel's (and for VFIO, QEMU's)
 * state for that mode, which the engine then walks. Returns the mode's default request.
 */
async function buildMachine(setup: Setup): Promise<RequestFields | undefined> {
  set({ machine: { ...get().machine, status: 'loading' }, lastMapping: undefined, mapError: undefined });
  if (setup.machine === 'file') return loadMachineFile(readStoredMachineFile());
  const dmar = setup.machine === 'dmar' ? loadedDmarTable() : undefined;
  if (setup.machine === 'dmar' && dmar === undefined) {
    set({ machine: { status: 'error', error: t('tr.err.noDmar') } });
    return undefined;
  }
  const response = await ask({
    type: 'build-scenario',
    mode: setup.mode,
    hwPassThrough: setup.hwPassThrough,
    kernel: setup.kernel,
    ramSize: setup.ramSize,
    maps: buffersFor(setup.mode),
    ...(setup.device !== '' ? { device: setup.device } : {}),
    ...(dmar !== undefined ? { dmar: dmar.bytes, dmarRegisters: readUnitRegisters(dmar.bytes) } : {}),
  });
  if (response.type === 'scenario') {
    set({ machine: { status: 'ready', summary: response.machine, scenario: response.scenario } });
    return defaultRequest(response.scenario);
  }
  const message = response.type === 'invalid-request' || response.type === 'internal-error' ? response.message : t('tr.err.unexpected', { type: response.type });
  set({ machine: { status: 'error', error: message } });
  return undefined;
}

/** First load: the link's state, else the last visit's, else the defaults; then translate. */
export async function start(): Promise<void> {
  const fromUrl = readUrlState(window.location.search);
  const fromStorage = readStoredState(safeStorageRead());
  const setup: Setup = { ...get().setup, ...fromStorage.setup, ...fromUrl.setup };
  const problems = [...fromUrl.problems, ...fromStorage.problems];
  set({ setup, presenter: fromStorage.presenter ?? false, stateError: problems.length > 0 ? t('tr.err.notRestored', { problems: problems.join(t('tr.saved.separator')) }) : undefined });
  const modeDefault = await buildMachine(setup);
  const request = fromUrl.request ?? fromStorage.request ?? modeDefault;
  if (request === undefined) return;
  set({ request });
  await translateRequest('replace');
}

/** The mode toggle: rebuild the machine, put the mode's default request in the fields, translate. */
export async function chooseSetup(change: Partial<Setup>): Promise<void> {
  // A machine file is a whole machine: choosing a mode means building one on the sample platform.
  const leaveFile = get().setup.machine === 'file' && change.machine === undefined && change.mode !== undefined;
  // Another machine has other devices: it starts from its own default device.
  const newMachine = change.machine !== undefined || leaveFile ? { device: change.device ?? '' } : {};
  const setup = { ...get().setup, ...change, ...(leaveFile ? { machine: 'sample' as const } : {}), ...newMachine };
  set({ setup, inputError: undefined });
  const request = await buildMachine(setup);
  if (request === undefined) return;
  set({ request });
  await translateRequest('push');
}

export function editRequest(change: Partial<RequestFields>): void {
  set({ request: { ...get().request, ...change } });
}

/**
 * Sends the request in the fields to the engine. A bad field is reported and nothing the user
 * typed is lost; a good one is drawn in full (the walk's final state) and put in the URL.
 */
export async function translateRequest(history: History = 'push'): Promise<void> {
  const request = get().request;
  const response = await ask({ type: 'translate', ...request });
  switch (response.type) {
    case 'translation':
      set({
        inputError: undefined,
        engineError: undefined,
        result: { request, translation: response.translation, view: response.view, unit: response.unit, faultLog: response.faultLog },
        playback: { ...get().playback, revealed: response.translation.steps.length, playing: false },
        selectedStep: undefined,
      });
      remember(history);
      markFirstResult();
      return;
    case 'invalid-request':
      set({ inputError: { field: response.field, message: response.message } });
      return;
    case 'internal-error':
      set({ engineError: response.message });
      return;
    default:
      set({ engineError: t('tr.err.unexpectedTranslation', { type: response.type }) });
  }
}

/** Back/Forward: the URL holds the mode and the request; rebuild if the mode changed. */
export async function restoreFromUrl(): Promise<void> {
  const state = readUrlState(window.location.search);
  const setup: Setup = { ...get().setup, ...state.setup };
  const current = get().setup;
  const changed = (['mode', 'hwPassThrough', 'machine', 'kernel', 'ramSize', 'device'] as const).some((key) => setup[key] !== current[key]);
  if (changed || get().machine.status !== 'ready') {
    set({ setup });
    await buildMachine(setup);
  }
  if (state.request !== undefined) set({ request: state.request });
  await translateRequest('none');
}

function remember(history: History): void {
  const { setup, request, presenter } = get();
  const search = urlSearch(setup, request, window.location.search);
  if (history === 'push' && search !== window.location.search) window.history.pushState(null, '', search);
  else if (history !== 'none') window.history.replaceState(null, '', search);
  saveForReload(storedStateText(setup, request, presenter));
}

function saveForReload(text: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Storage full or disabled (private mode): the URL still holds the state.
  }
}

function safeStorageRead(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function togglePresenter(): void {
  set({ presenter: !get().presenter });
  const { setup, request, presenter } = get();
  saveForReload(storedStateText(setup, request, presenter));
}

export const setHelpOpen = (open: boolean): void => set({ helpOpen: open });

/**
 * "Map a buffer": the driver calls dma_map_page() on a physical buffer; the engine hands out the
 * IOVA Linux would and writes the entries. The new IOVA goes in the request and is walked.
 */
export async function mapBuffer(phys: string, size: string): Promise<string | undefined> {
  const response = await ask({ type: 'dma-map', phys, size });
  if (response.type === 'dma-mapped') {
    set({ machine: { status: 'ready', summary: response.machine, scenario: response.scenario }, mapError: undefined, lastMapping: response.mapping });
    editRequest({ iova: toHex(response.mapping.iova) });
    await translateRequest('push');
    return undefined;
  }
  if (response.type === 'invalid-request') {
    const field = response.field === 'size' ? 'size' : response.field === 'mode' ? undefined : 'address';
    const label = field === 'size' ? t('tr.map.size') : field === 'address' ? t('tr.map.fieldAddress') : t('tr.map.mode');
    const message = t('tr.fieldError', { field: label, message: response.message });
    set({ mapError: { field, message } });
    return message;
  }
  const message = response.type === 'internal-error' ? response.message : t('tr.err.unexpected', { type: response.type });
  set({ mapError: { field: undefined, message } });
  return message;
}

/** The first translated result on screen, for the start-up benchmark (npm run bench). */
function markFirstResult(): void {
  if (performance.getEntriesByName(FIRST_RESULT_MARK).length > 0) return;
  requestAnimationFrame(() => performance.mark(FIRST_RESULT_MARK));
}

export const FIRST_RESULT_MARK = 'iommu-lab:first-result';

/** The table the DMAR view loaded and stored, if any. */
function loadedDmarTable(): { name: string; bytes: Uint8Array } | undefined {
  const stored = readStoredTable();
  return stored.kind === 'table' ? stored.table : undefined;
}

/**
 * Loads a machine file into the engine. It has no mode and no default request: the request in
 * the fields stays. Undefined, with the machine's error set, when the file is missing or bad.
 */
async function loadMachineFile(file: StoredMachineFile | undefined): Promise<RequestFields | undefined> {
  if (file === undefined) {
    set({ machine: { status: 'error', error: t('tr.machineFile.none') } });
    return undefined;
  }
  const error = await sendMachineFile(file);
  if (error !== undefined) {
    set({ machine: { status: 'error', error } });
    return undefined;
  }
  return get().request;
}

/** Sends a machine file's text to the engine; returns what is wrong with it, naming the field. */
async function sendMachineFile(file: StoredMachineFile): Promise<string | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    return t('tr.machineFile.bad', { name: file.name, message: `not JSON (${error instanceof Error ? error.message : String(error)})` });
  }
  const response = await ask({ type: 'load-machine', file: value });
  if (response.type === 'machine') {
    set({ machine: { status: 'ready', summary: response.machine } });
    return undefined;
  }
  const message = response.type === 'invalid-request' || response.type === 'internal-error' ? response.message : t('tr.err.unexpected', { type: response.type });
  return t('tr.machineFile.bad', { name: file.name, message });
}

/**
 * "Load machine file": a machine in the CLI's format (say, `cli scenario … --json`'s machine).
 * A bad file is reported in the form and the machine shown before stays loaded.
 */
export async function chooseMachineFile(file: StoredMachineFile): Promise<void> {
  const error = await sendMachineFile(file);
  if (error !== undefined) {
    set({ machineFileError: error });
    // The engine still holds the machine shown before: a bad file changed nothing there.
    return;
  }
  const storageProblem = storeMachineFile(file);
  set({ machineFileError: storageProblem === undefined ? undefined : t('tr.machineFile.notStored', { reason: storageProblem }), setup: { ...get().setup, machine: 'file' }, inputError: undefined });
  await translateRequest('push');
}
