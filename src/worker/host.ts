import { parseHex, iova as asIova } from '../hex.ts';
import { loadMachine, saveMachine } from '../machine-file.ts';
import { parseSourceId } from '../pci/source-id.ts';
import { buildSampleMachine } from '../sample-machine.ts';
import { faultLogLine } from '../vtd/fault-log.ts';
import type { Machine } from '../vtd/machine.ts';
import { plainStep } from '../vtd/trace.ts';
import { translate, type Translation } from '../vtd/translate.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

/**
 * The engine behind the worker: holds the current machine and answers requests. Pure apart from
 * that state, so node tests drive exactly what the app's worker runs. Never throws: anything
 * thrown becomes `internal-error`.
 */
export function createEngineHost(): { handle(request: EngineRequest): EngineResponse } {
  let machine: Machine | undefined;
  const loaded = (id: number, next: Machine): EngineResponse => {
    machine = next;
    const { haw, cap, ecap, rtaddr, translationEnabled, memory } = next;
    return { id, type: 'machine', machine: { haw, cap, ecap, rtaddr, translationEnabled, pageCount: memory.pageCount }, file: saveMachine(next) };
  };
  const answer = (request: EngineRequest): EngineResponse => {
    const { id } = request;
    switch (request.type) {
      case 'load-sample':
        return loaded(id, buildSampleMachine());
      case 'load-machine': {
        const result = loadMachine(request.file);
        if (!result.ok) return { id, type: 'invalid-request', field: 'machine', message: result.error };
        return loaded(id, result.machine);
      }
      case 'translate': {
        if (machine === undefined) return { id, type: 'invalid-request', field: 'machine', message: 'no machine is loaded' };
        const sourceId = parseSourceId(request.sourceId);
        if (!sourceId.ok) return { id, type: 'invalid-request', field: 'sourceId', message: sourceId.error };
        const address = parseHex(request.iova);
        if (!address.ok) return { id, type: 'invalid-request', field: 'iova', message: address.error };
        const translationRequest = { sourceId: sourceId.value, iova: asIova(address.value), access: request.access };
        const translation = plainTranslation(translate(machine, translationRequest));
        if (translation.kind !== 'fault' || !translation.fault.recorded) return { id, type: 'translation', translation };
        return { id, type: 'translation', translation, faultLog: faultLogLine(translationRequest, translation.fault) };
      }
      default: {
        const unknown: { id: number; type?: unknown } = request;
        return { id: unknown.id, type: 'internal-error', message: `unknown request type ${String(unknown.type)}` };
      }
    }
  };
  return {
    handle(request) {
      try {
        return answer(request);
      } catch (error) {
        return { id: request.id, type: 'internal-error', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** A translation whose steps are plain objects, so structured clone (postMessage) keeps every field. */
export function plainTranslation(translation: Translation): Translation {
  return translation.kind === 'interrupt' ? translation : { ...translation, steps: translation.steps.map(plainStep) };
}
