import type { EngineRequest, EngineResponse } from '../../src/worker/protocol.ts';

type Outgoing = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (response: EngineResponse) => void>();

function start(): Worker {
  const created = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<EngineResponse>) => {
    const resolve = pending.get(event.data.id);
    pending.delete(event.data.id);
    resolve?.(event.data);
  };
  // A worker that dies answers every open request with an internal error, and the next request
  // starts a fresh one: the page and what the user typed survive.
  created.onerror = (event) => {
    event.preventDefault();
    for (const [id, resolve] of pending) resolve({ id, type: 'internal-error', message: `the engine stopped: ${event.message || 'unknown error'}` });
    pending.clear();
    created.terminate();
    worker = undefined;
  };
  return created;
}

/** Sends one request to the engine's worker and resolves with its answer. */
export function ask(request: Outgoing): Promise<EngineResponse> {
  worker ??= start();
  const id = nextId++;
  const target = worker;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    target.postMessage({ ...request, id });
  });
}
