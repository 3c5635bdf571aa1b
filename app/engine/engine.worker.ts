import { createEngineHost } from '../../src/worker/host.ts';
import type { EngineRequest } from '../../src/worker/protocol.ts';

// The engine runs here, off the main thread; the host never throws (a bug becomes an
// 'internal-error' answer), so the page keeps its session whatever the engine meets.
const host = createEngineHost();
const scope = self as unknown as { onmessage: ((event: MessageEvent<EngineRequest>) => void) | null; postMessage(message: unknown): void };
scope.onmessage = (event) => scope.postMessage(host.handle(event.data));
