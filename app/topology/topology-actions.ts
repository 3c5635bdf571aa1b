import type { P2pSettings } from '../../src/pci/topology/p2p-path.ts';
import type { TopologyReport } from '../../src/pci/topology/topology-report.ts';
import type { TopologySource } from '../../src/pci/topology/topology-source.ts';
import { ACS, type AcsBit } from '../../src/pci/topology/topology.ts';
import type { VfioRules } from '../../src/pci/topology/vfio-viability.ts';
import type { EngineResponse } from '../../src/worker/protocol.ts';
import { ask } from '../engine/engine-client.ts';
import { t } from '../i18n/i18n.ts';
import { readSavedTopology, saveTopology } from './topology-saved.ts';
import { NO_EDITS, useTopologyStore, type ImportedDump, type MachineChoice, type P2pChoice, type TopologyState } from './topology-store.ts';

/**
 * The topology view's actions: module-level functions, so the view's controls, the lessons'
 * steps and tests call the same thing. Each change is sent to the engine with the whole source;
 * only an accepted answer replaces what is shown (a refused import keeps the previous machine).
 */
const set = useTopologyStore.setState;
const get = useTopologyStore.getState;

type Committed = Pick<TopologyState, 'machine' | 'imported' | 'edits' | 'p2p' | 'vfio'>;

let generation = 0;
let started = false;

const sourceOf = (machine: MachineChoice, imported: ImportedDump | undefined): TopologySource | undefined =>
  machine === 'imported' ? (imported === undefined ? undefined : { kind: 'lspci', text: imported.text }) : { kind: 'sample', sample: machine };

const refusal = (response: EngineResponse): string =>
  response.type === 'invalid-request' ? response.message : response.type === 'internal-error' ? t('topo.err.engine', { message: response.message }) : t('topo.err.unexpected', { type: response.type });

/** Functions a peer write can target or come from: non-bridges with an assigned memory BAR, GPUs first. */
export function p2pCandidates(report: TopologyReport): string[] {
  const withBar = report.functions.filter((f) => !f.bridge && f.memoryBars.length > 0);
  const display = (code: number | undefined) => code !== undefined && code >> 8 === 0x03;
  return [...withBar.filter((f) => display(f.classCode)), ...withBar.filter((f) => !display(f.classCode))].map((f) => f.address);
}

/** Keeps the user's picks when they still exist, else picks the first two GPUs and the first GPU to pass through. */
function withDefaults(state: Committed, report: TopologyReport): Pick<Committed, 'p2p' | 'vfio'> {
  const candidates = p2pCandidates(report);
  const from = candidates.includes(state.p2p.from) ? state.p2p.from : candidates[0] ?? '';
  const to = candidates.includes(state.p2p.to) && state.p2p.to !== from ? state.p2p.to : candidates.find((c) => c !== from) ?? '';
  const exists = report.functions.some((f) => f.address === state.vfio.device);
  const device = exists ? state.vfio.device : candidates[0] ?? report.functions.find((f) => !f.bridge)?.address ?? '';
  return { p2p: { ...state.p2p, from, to }, vfio: { ...state.vfio, device } };
}

/**
 * Sends the changed state to the engine. Returns false, leaving the shown state as it was, when
 * the engine refuses it: an import's refusal goes to `importError`, any other to `error`.
 */
async function apply(change: Partial<Committed>, options: { importing?: boolean } = {}): Promise<boolean> {
  const next: Committed = { ...get(), ...change };
  const source = sourceOf(next.machine, next.imported);
  if (source === undefined) {
    set({ error: t('topo.err.noImport') });
    return false;
  }
  const mine = ++generation;
  // Shown at once, so a control reflects the click; put back if the engine refuses it.
  const { machine, imported, edits, p2p, vfio } = get();
  set({ ...change, loading: true });
  const response = await ask({ type: 'topology-groups', source, edits: next.edits });
  if (mine !== generation) return false;
  if (response.type !== 'topology') {
    const restored = { machine, imported, edits, p2p, vfio, loading: false };
    set(options.importing === true ? { ...restored, importError: refusal(response) } : { ...restored, error: refusal(response) });
    return false;
  }
  const committed: Committed = { ...next, ...withDefaults(next, response.report) };
  set({ ...committed, report: response.report, loading: false, error: undefined, ...(options.importing === true ? { importError: undefined } : {}) });
  saveTopology(committed.machine, committed.imported);
  await Promise.all([askP2p(source, committed, mine), askVfio(source, committed, mine)]);
  return true;
}

async function askP2p(source: TopologySource, state: Committed, mine: number): Promise<void> {
  const { from, to, settings, ncclDisable, ncclLevel } = state.p2p;
  if (from === '' || to === '') {
    set({ p2pAnswer: undefined });
    return;
  }
  const nccl = { ...(ncclDisable ? { NCCL_P2P_DISABLE: '1' } : {}), ...(ncclLevel === '' ? {} : { NCCL_P2P_LEVEL: ncclLevel }) };
  const response = await ask({ type: 'p2p-path', source, edits: state.edits, from, to, settings, nccl });
  if (mine !== generation) return;
  if (response.type === 'p2p') set({ p2pAnswer: response.p2p });
  else set({ p2pAnswer: undefined, error: t('topo.err.p2p', { error: refusal(response) }) });
}

async function askVfio(source: TopologySource, state: Committed, mine: number): Promise<void> {
  if (state.vfio.device === '') {
    set({ vfioAnswer: undefined });
    return;
  }
  const response = await ask({ type: 'vfio-viability', source, edits: state.edits, device: state.vfio.device, rules: state.vfio.rules });
  if (mine !== generation) return;
  if (response.type === 'vfio') set({ vfioAnswer: response.vfio });
  else set({ vfioAnswer: undefined, error: t('topo.err.vfio', { error: refusal(response) }) });
}

/** First visit of the view: the last machine and import (localStorage), else the 8-GPU server. */
export async function initTopology(): Promise<void> {
  if (started) return;
  started = true;
  const saved = readSavedTopology();
  set({ imported: saved.imported, draft: saved.imported?.text ?? '', ...(saved.problem === undefined ? {} : { error: saved.problem }) });
  const machine = saved.machine === 'imported' && saved.imported === undefined ? 'server' : saved.machine;
  await apply({ machine, imported: saved.imported, edits: NO_EDITS });
}

/** Shows a sample ('server', 'desktop') or the last import ('imported'), with its ACS as booted. */
export const chooseTopology = (machine: MachineChoice): Promise<boolean> => apply({ machine, edits: NO_EDITS });

export const setDraft = (draft: string): void => set({ draft });

/** Imports `lspci -vvv` text; bad text is refused with the line that gave it away and the shown machine stays. */
export async function importLspci(text: string, name = t('topo.pastedText')): Promise<boolean> {
  set({ draft: text });
  return apply({ machine: 'imported', imported: { name, text }, edits: NO_EDITS }, { importing: true });
}

const currentAcs = (address: string): { cap: number; ctl: number } | undefined => {
  const acs = get().report?.functions.find((f) => f.address === address)?.acs;
  return typeof acs === 'object' ? acs : undefined;
};

export function toggleAcsBit(address: string, bit: AcsBit): Promise<boolean> {
  const acs = currentAcs(address);
  const { edits } = get();
  if (acs === undefined) return apply({ edits: { ...edits, acsCtl: { ...edits.acsCtl, [address]: ACS[bit] } } });
  return apply({ edits: { ...edits, acsCtl: { ...edits.acsCtl, [address]: acs.ctl ^ ACS[bit] } } });
}

/**
 * ACS redirect on every switch downstream port: off clears ReqRedir, CmpltRedir and EgressCtrl as
 * pci=disable_acs_redir does (pci_disable_acs_redir, drivers/pci/pci.c); on sets ReqRedir and
 * CmpltRedir again where the port has them.
 */
export function setAcsRedirect(on: boolean): Promise<boolean> {
  return editDownstreamPorts((acs) => (on ? acs.ctl | ((ACS.RR | ACS.CR) & acs.cap) : acs.ctl & ~(ACS.RR | ACS.CR | ACS.EC)));
}

/** Direct Translated P2P on every switch downstream port that has it. */
export function setDirectTranslated(on: boolean): Promise<boolean> {
  return editDownstreamPorts((acs) => (on ? acs.ctl | (ACS.DT & acs.cap) : acs.ctl & ~ACS.DT));
}

function editDownstreamPorts(edit: (acs: { cap: number; ctl: number }) => number): Promise<boolean> {
  const { edits, report } = get();
  const acsCtl = { ...edits.acsCtl };
  for (const f of report?.functions ?? []) if (f.portType === 'downstream-port' && typeof f.acs === 'object') acsCtl[f.address] = edit(f.acs);
  return apply({ edits: { ...edits, acsCtl } });
}

/** Every ACS Control back to what the machine booted with. */
export const resetAcs = (): Promise<boolean> => apply({ edits: { ...get().edits, acsCtl: {} } });

/** GPU A (the requester) writes GPU B's BAR. */
export const chooseP2pPair = (from: string, to: string): Promise<boolean> => apply({ p2p: { ...get().p2p, from, to } });

export const setP2pSettings = (change: Partial<P2pSettings>): Promise<boolean> =>
  apply({ p2p: { ...get().p2p, settings: { ...get().p2p.settings, ...change } } });

export const setNccl = (change: Partial<Pick<P2pChoice, 'ncclDisable' | 'ncclLevel'>>): Promise<boolean> => apply({ p2p: { ...get().p2p, ...change } });

export const chooseVfioDevice = (device: string): Promise<boolean> => apply({ vfio: { ...get().vfio, device } });

export const setVfioRules = (rules: VfioRules): Promise<boolean> => apply({ vfio: { ...get().vfio, rules } });

/** Binds a function to `driver` (e.g. "vfio-pci"), or back to the dump's driver when undefined. */
export function bindDriver(address: string, driver: string | undefined): Promise<boolean> {
  const { edits } = get();
  const drivers = { ...edits.drivers };
  if (driver === undefined) delete drivers[address];
  else drivers[address] = driver;
  return apply({ edits: { ...edits, drivers } });
}

export const selectFunction = (address: string | undefined): void => set({ selected: address });
