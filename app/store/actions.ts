import { ask } from '../engine/engine-client.ts';
import { useLabStore, type RequestFields } from './lab-store.ts';

const set = useLabStore.setState;
const get = useLabStore.getState;

/** Loads the built-in sample machine into the engine. */
export async function loadSampleMachine(): Promise<void> {
  set({ machine: { status: 'loading' } });
  const response = await ask({ type: 'load-sample' });
  if (response.type === 'machine') set({ machine: { status: 'ready', summary: response.machine } });
  else set({ machine: { status: 'error', error: 'message' in response ? response.message : 'unexpected answer' } });
}

export function editRequest(change: Partial<RequestFields>): void {
  set({ request: { ...get().request, ...change } });
}

/** Sends the request in the fields to the engine; a bad field is reported and nothing else is lost. */
export async function translateRequest(): Promise<void> {
  const request = get().request;
  set({ pending: true });
  const response = await ask({ type: 'translate', ...request });
  switch (response.type) {
    case 'translation':
      set({ pending: false, inputError: undefined, engineError: undefined, result: { request, translation: response.translation, faultLog: response.faultLog } });
      return;
    case 'invalid-request':
      set({ pending: false, inputError: { field: response.field, message: response.message } });
      return;
    case 'internal-error':
      set({ pending: false, engineError: response.message });
      return;
    default:
      set({ pending: false, engineError: `unexpected answer "${response.type}" to a translation` });
  }
}
