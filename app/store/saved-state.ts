import { SCENARIO_MODES, type ScenarioMode } from '../../src/linux/scenario.ts';
import { t } from '../i18n/i18n.ts';
import { KERNEL_CHOICES, RAM_CHOICES, type MachineChoice, type RequestFields, type Setup } from './lab-store.ts';

/** What a link or a reload restores: the mode and the request, each part only if it was valid. */
export interface SavedState {
  readonly setup?: Partial<Setup>;
  readonly request?: RequestFields;
  readonly presenter?: boolean;
  /** Sentences naming what was wrong and not applied. */
  readonly problems: readonly string[];
}

const isMode = (text: string): text is ScenarioMode => (SCENARIO_MODES as readonly string[]).includes(text);

/**
 * Reads `?mode=dma&hwpt=1&sid=03:00.0&iova=0x…&access=read` from a URL's query. The BDF and the
 * address stay text here: the engine validates them when it translates and names a bad one.
 */
export function readUrlState(search: string, from: 'link' | 'stored' = 'link'): SavedState {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const whose = t(from === 'link' ? 'tr.saved.link' : 'tr.saved.stored');
  const setup: { mode?: ScenarioMode; hwPassThrough?: boolean; machine?: MachineChoice; kernel?: string; ramSize?: string; device?: string } = {};
  const mode = params.get('mode');
  if (mode !== null) {
    if (isMode(mode)) setup.mode = mode;
    else problems.push(t('tr.saved.mode', { whose, value: mode, modes: SCENARIO_MODES.join(', ') }));
  }
  const hwpt = params.get('hwpt');
  if (hwpt !== null) {
    if (hwpt === '1' || hwpt === '0') setup.hwPassThrough = hwpt === '1';
    else problems.push(t('tr.saved.hwpt', { whose, value: hwpt }));
  }
  const machine = params.get('machine');
  if (machine !== null) {
    if (machine === 'sample' || machine === 'dmar' || machine === 'file') setup.machine = machine;
    else problems.push(t('tr.saved.machine', { whose, value: machine }));
  }
  const kernel = params.get('kernel');
  if (kernel !== null) {
    if ((KERNEL_CHOICES as readonly string[]).includes(kernel)) setup.kernel = kernel;
    else problems.push(t('tr.saved.kernel', { whose, value: kernel, choices: KERNEL_CHOICES.join(', ') }));
  }
  const ram = params.get('ram');
  if (ram !== null) {
    if ((RAM_CHOICES as readonly string[]).includes(ram)) setup.ramSize = ram;
    else problems.push(t('tr.saved.ram', { whose, value: ram, choices: RAM_CHOICES.join(', ') }));
  }
  // The device the set-up follows stays text: the engine names a device the platform lacks.
  const device = params.get('dev');
  if (device !== null) setup.device = device;
  const sid = params.get('sid');
  const address = params.get('iova');
  const access = params.get('access') ?? 'read';
  let request: RequestFields | undefined;
  if (sid !== null && address !== null) {
    if (access === 'read' || access === 'write') request = { sourceId: sid, iova: address, access };
    else problems.push(t('tr.saved.access', { whose, value: access }));
  } else if (sid !== null || address !== null) {
    problems.push(t('tr.saved.onlyOne'));
  }
  return { setup, ...(request ? { request } : {}), problems };
}

/**
 * The query for this set-up and request. Parameters other views own (`view`, a lesson's) are
 * kept from `current`, so the translation view never closes another view's link.
 */
export function urlSearch(setup: Setup, request: RequestFields, current = ''): string {
  const params = new URLSearchParams(current);
  const own = { machine: setup.machine, mode: setup.mode, hwpt: setup.hwPassThrough ? '1' : '0', kernel: setup.kernel, ram: setup.ramSize, dev: setup.device, sid: request.sourceId, iova: request.iova, access: request.access };
  for (const [key, value] of Object.entries(own)) params.set(key, value);
  return `?${params.toString()}`;
}

const STORAGE_KEY = 'iommu-lab/translation-view';

/** The state saved for a reload. Bad JSON or fields are reported and ignored, never thrown. */
export function readStoredState(text: string | null): SavedState {
  if (text === null) return { problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: [t('tr.saved.notJson')] };
  }
  if (typeof value !== 'object' || value === null) return { problems: [t('tr.saved.notObject')] };
  const record = value as Record<string, unknown>;
  const url = typeof record.search === 'string' ? readUrlState(record.search, 'stored') : { problems: [] };
  const presenter = record.presenter === true;
  return { ...url, presenter };
}

export function storedStateText(setup: Setup, request: RequestFields, presenter: boolean): string {
  return JSON.stringify({ search: urlSearch(setup, request), presenter });
}

export { STORAGE_KEY };
