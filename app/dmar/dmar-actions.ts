import { ask } from '../engine/engine-client.ts';
import { t } from '../i18n/i18n.ts';
import { useDmarStore, type Highlight, type ShownTable } from './dmar-store.ts';
import { DEFAULT_SAMPLE, sampleNamed } from './samples.ts';
import { readStoredTable, storeTable, type TableOrigin } from './table-storage.ts';

export { useDmarStore } from './dmar-store.ts';

const set = useDmarStore.setState;
const get = useDmarStore.getState;

/** Each load gets a number; an answer to an older load than the latest is dropped. */
let latestLoad = 0;
/** Whether a table was asked for already on this page (then the view's first showing loads nothing). */
let started = false;

interface LoadRequest {
  readonly name: string;
  readonly origin: TableOrigin;
  readonly bytes: Uint8Array;
  readonly arrival: ShownTable['arrival'];
}

/**
 * Sends bytes to the engine. A clean table replaces the one shown (and is stored unless it came
 * from storage or is the first-visit sample); one with errors becomes a rejection, and the table
 * shown before stays. A restored table is shown even with errors: the user chose to keep it.
 */
async function loadTable(request: LoadRequest): Promise<void> {
  started = true;
  const load = ++latestLoad;
  set({ loading: true, engineError: undefined });
  const response = await ask({ type: 'load-dmar', bytes: request.bytes });
  if (load !== latestLoad) return;
  set({ loading: false });
  if (response.type !== 'dmar') {
    const message = response.type === 'internal-error' || response.type === 'invalid-request' ? response.message : t('dmar.err.unexpected', { type: response.type });
    set({ engineError: t('dmar.err.engine', { name: request.name, message }) });
    return;
  }
  const { analysis } = response.load;
  if (analysis === undefined || (!response.load.clean && request.arrival !== 'restored')) {
    set({ rejection: { name: request.name, origin: request.origin, load: response.load } });
    return;
  }
  show({ name: request.name, origin: request.origin, arrival: request.arrival, load: { ...response.load, analysis } });
}

function show(table: ShownTable): void {
  const storageNote = table.arrival === 'loaded' ? storageProblem(storeTable({ name: table.name, origin: table.origin, bytes: table.load.bytes })) : get().storageNote;
  set({ shown: table, rejection: undefined, hovered: undefined, focused: undefined, storageNote, ownerQuery: { ...get().ownerQuery, status: 'idle', answer: undefined, error: undefined } });
}

const storageProblem = (reason: string | undefined): string | undefined =>
  reason === undefined ? undefined : t('dmar.err.notStored', { reason });

/** Loads one of public/samples/dmar/*.bin by file name (also used by lessons). */
export async function loadSampleTable(fileName: string): Promise<void> {
  started = true;
  await loadSample(fileName, 'loaded');
}

async function loadSample(fileName: string, arrival: ShownTable['arrival']): Promise<void> {
  const sample = sampleNamed(fileName);
  const name = sample?.machine ?? fileName;
  let bytes: Uint8Array;
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}samples/dmar/${encodeURIComponent(fileName)}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    set({ engineError: t('dmar.err.fetch', { file: fileName, error: error instanceof Error ? error.message : String(error) }) });
    return;
  }
  await loadTable({ name, origin: { kind: 'sample', file: fileName }, bytes, arrival });
}

/** A file from the file input or a drop. */
export async function loadDmarFile(file: File): Promise<void> {
  await loadTable({ name: file.name, origin: { kind: 'file' }, bytes: new Uint8Array(await file.arrayBuffer()), arrival: 'loaded' });
}

export function editPasteText(text: string): void {
  set({ pasteText: text });
}

/** The paste box's text (acpidump output or an iasl -d listing); the engine detects which. */
export async function loadPastedText(): Promise<void> {
  await loadTable({ name: t('dmar.pastedText'), origin: { kind: 'paste' }, bytes: new TextEncoder().encode(get().pasteText), arrival: 'loaded' });
}

/**
 * The view's first showing: the table kept from the last visit, else the QEMU q35 sample, so the
 * view is never empty. Runs once per page.
 */
export async function startDmarView(): Promise<void> {
  if (started) return;
  started = true;
  const stored = readStoredTable();
  if (stored.kind === 'table') {
    await loadTable({ ...stored.table, arrival: 'restored' });
    return;
  }
  if (stored.kind === 'unreadable') set({ storageNote: t('dmar.err.notRestored', { reason: stored.reason }) });
  await loadSample(DEFAULT_SAMPLE, 'first-visit');
}

/** Shows the partial decode of a rejected upload anyway (and keeps it across reloads). */
export function inspectRejected(): void {
  const rejection = get().rejection;
  const analysis = rejection?.load.analysis;
  if (rejection === undefined || analysis === undefined) return;
  show({ name: rejection.name, origin: rejection.origin, arrival: 'loaded', load: { ...rejection.load, analysis } });
}

export function dismissRejection(): void {
  set({ rejection: undefined });
}

export function hover(highlight: Highlight | undefined): void {
  set({ hovered: highlight });
}

export function focusHighlight(highlight: Highlight | undefined): void {
  set({ focused: highlight });
}

/** Leaves the highlight alone unless it is still `highlight` (focus moved on already). */
export function blurHighlight(highlight: Highlight): void {
  if (sameHighlight(get().focused, highlight)) set({ focused: undefined });
}

export function unhover(highlight: Highlight): void {
  if (sameHighlight(get().hovered, highlight)) set({ hovered: undefined });
}

function sameHighlight(a: Highlight | undefined, b: Highlight): boolean {
  if (a === undefined || a.kind !== b.kind) return false;
  return a.kind === 'field' && b.kind === 'field' ? a.id === b.id : a.kind === 'range' && b.kind === 'range' && a.offset === b.offset && a.length === b.length;
}

export function editOwnerDevice(device: string): void {
  set({ ownerQuery: { ...get().ownerQuery, device } });
}

/** Asks the engine which DRHD owns the device typed in the ownership box. */
export async function askOwner(): Promise<void> {
  const shown = get().shown;
  const { device } = get().ownerQuery;
  if (shown === undefined) return;
  set({ ownerQuery: { device, status: 'asking', answer: undefined, error: undefined } });
  const response = await ask({ type: 'dmar-owner', bytes: shown.load.bytes, device });
  if (get().shown !== shown || get().ownerQuery.device !== device) return;
  if (response.type === 'dmar-owner') set({ ownerQuery: { device, status: 'answered', answer: response.answer, error: undefined } });
  else {
    const message = response.type === 'invalid-request' || response.type === 'internal-error' ? response.message : t('dmar.err.unexpected', { type: response.type });
    set({ ownerQuery: { device, status: 'invalid', answer: undefined, error: message } });
  }
}
