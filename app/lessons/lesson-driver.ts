import { chooseSetup, editRequest, translateRequest } from '../store/actions.ts';
import { initialSetup, useLabStore } from '../store/lab-store.ts';
import { defaultRequest } from '../store/mode-defaults.ts';
import { showNone, stepForward } from '../store/playback.ts';
import { loadSampleTable } from '../dmar/dmar-actions.ts';
import { readStoredTable } from '../dmar/table-storage.ts';
import { chooseP2pPair, chooseTopology, initTopology, setAcsRedirect, setNccl } from '../topology/topology-actions.ts';
import type { Drive, GroupsDrive, TranslationDrive } from './lesson-data.ts';

/**
 * Sets the real engine to a step's state through the views' own actions (the translation store,
 * the DMAR explorer, the topology view): a lesson never computes a result itself. Returns an
 * error sentence, or undefined when the state is set.
 */
export async function driveEngine(drive: Drive, stillWanted: () => boolean): Promise<string | undefined> {
  switch (drive.view) {
    case 'translation':
      return 'own' in drive ? driveOwnTable(stillWanted) : driveTranslation(drive, stillWanted);
    case 'dmar':
      await loadSampleTable(drive.sample);
      return undefined;
    case 'groups':
      return driveGroups(drive);
  }
}

/** Resolves once the app's first translation is done, so a step does not race the page's start-up. */
function started(): Promise<void> {
  const ready = () => useLabStore.getState().result !== undefined || useLabStore.getState().engineError !== undefined || useLabStore.getState().machine.status === 'error';
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useLabStore.subscribe(() => {
      if (!ready()) return;
      stop();
      resolve();
    });
  });
}

async function driveTranslation(drive: TranslationDrive, stillWanted: () => boolean): Promise<string | undefined> {
  await started();
  if (!stillWanted()) return undefined;
  // The lesson's numbers are those of the sample platform at the default kernel, RAM and device:
  // whatever the learner chose before, a step sets all of it.
  const wanted = { ...initialSetup, mode: drive.mode, hwPassThrough: drive.hwPassThrough ?? true };
  const lab = useLabStore.getState();
  const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).some((key) => lab.setup[key] !== wanted[key]);
  if (differs || lab.machine.status !== 'ready') {
    await chooseSetup(wanted);
    if (!stillWanted()) return undefined;
  }
  const after = useLabStore.getState();
  if (after.machine.status !== 'ready' || after.machine.scenario === undefined) return after.machine.error ?? 'the machine was not built';
  editRequest(drive.request ?? defaultRequest(after.machine.scenario));
  await translateRequest('replace');
  if (!stillWanted()) return undefined;
  const { inputError, engineError } = useLabStore.getState();
  if (inputError !== undefined) return `${inputError.field}: ${inputError.message}`;
  if (engineError !== undefined) return engineError;
  if (drive.reveal !== undefined) {
    showNone();
    for (let i = 0; i < drive.reveal; i++) stepForward();
  }
  return undefined;
}

/** The DMA domain on the learner's own DMAR table, or the QEMU sample until they load one. */
async function driveOwnTable(stillWanted: () => boolean): Promise<string | undefined> {
  await started();
  if (readStoredTable().kind !== 'table') await loadSampleTable('qemu_q35_dmar.bin');
  if (!stillWanted()) return undefined;
  await chooseSetup({ ...initialSetup, mode: 'dma', machine: 'dmar' });
  const { machine } = useLabStore.getState();
  return machine.status === 'error' ? (machine.error ?? 'the machine was not built') : undefined;
}

async function driveGroups(drive: GroupsDrive): Promise<string | undefined> {
  // The view's own first-visit restore runs once; after it, the lesson's choices stand.
  await initTopology();
  if (!(await chooseTopology(drive.topology))) return 'the topology could not be shown';
  if (drive.acs === 'redirect-off' && !(await setAcsRedirect(false))) return 'ACS redirect could not be turned off';
  if (drive.p2p !== undefined && !(await chooseP2pPair(drive.p2p[0], drive.p2p[1]))) return `no peer-to-peer path from ${drive.p2p[0]} to ${drive.p2p[1]}`;
  await setNccl({ ncclDisable: drive.ncclDisable ?? false });
  return undefined;
}
