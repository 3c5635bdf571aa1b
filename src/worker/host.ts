import { exploreDmar } from '../acpi/dmar/explorer.ts';
import { ownerOfDevice } from '../acpi/dmar/scope-ownership.ts';
import { parseDmarInput } from '../acpi/dmar/text-input.ts';
import { parseHex, iova as asIova } from '../hex.ts';
import { bufferProblem, buildScenario, type Scenario, type ScenarioMapping } from '../linux/scenario.ts';
import { parseSize } from '../platform/size.ts';
import { parseScenarioRequest, summarizeScenario } from '../linux/scenario-request.ts';
import { loadMachine, saveMachine } from '../machine-file.ts';
import { parseSourceId, type SourceId } from '../pci/source-id.ts';
import { createUnitResolver, type UnitState } from '../linux/unit-for-request.ts';
import { answerP2p, answerTopology, answerVfio } from '../pci/topology/topology-requests.ts';
import { faultLogLine } from '../vtd/fault-log.ts';
import type { Machine } from '../vtd/machine.ts';
import { plainStep } from '../vtd/trace.ts';
import { translate, type Translation } from '../vtd/translate.ts';
import { describeWalk } from '../vtd/walk-view.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

/**
 * The engine behind the worker: holds the current machine and answers requests. Pure apart from
 * that state, so node tests drive exactly what the app's worker runs. Never throws: anything
 * thrown becomes `internal-error`.
 */
export function createEngineHost(): { handle(request: EngineRequest): EngineResponse } {
  let machine: Machine | undefined;
  // The scenario behind `machine`, when a scenario built it, and the buffers mapped since.
  let scenario: { readonly built: Scenario; readonly mapped: ScenarioMapping[]; readonly unitFor: (sourceId: SourceId) => UnitState } | undefined;
  const summary = (next: Machine) => {
    const { haw, cap, ecap, rtaddr, translationEnabled, memory } = next;
    return { haw, cap, ecap, rtaddr, translationEnabled, pageCount: memory.pageCount };
  };
  const loaded = (id: number, next: Machine): EngineResponse => {
    machine = next;
    return { id, type: 'machine', machine: summary(next), file: saveMachine(next) };
  };
  const answer = (request: EngineRequest): EngineResponse => {
    const { id } = request;
    switch (request.type) {
      case 'load-machine': {
        const result = loadMachine(request.file);
        if (!result.ok) return { id, type: 'invalid-request', field: 'machine', message: result.error };
        scenario = undefined;
        return loaded(id, result.machine);
      }
      case 'translate': {
        if (machine === undefined) return { id, type: 'invalid-request', field: 'machine', message: 'no machine is loaded' };
        const sourceId = parseSourceId(request.sourceId);
        if (!sourceId.ok) return { id, type: 'invalid-request', field: 'sourceId', message: sourceId.error };
        const address = parseHex(request.iova);
        if (!address.ok) return { id, type: 'invalid-request', field: 'iova', message: address.error };
        const translationRequest = { sourceId: sourceId.value, iova: asIova(address.value), access: request.access };
        // The unit whose scope holds the device walks its request.
        const unitState = scenario?.unitFor(sourceId.value) ?? { name: 'dmar0', machine };
        const walked = unitState.machine;
        const translation = plainTranslation(translate(walked, translationRequest));
        const view = describeWalk(walked, translationRequest.iova, translation);
        const unit = { name: unitState.name, rtaddr: walked.rtaddr, translationEnabled: walked.translationEnabled };
        if (translation.kind !== 'fault' || !translation.fault.recorded) return { id, type: 'translation', translation, view, unit };
        return { id, type: 'translation', translation, view, unit, faultLog: faultLogLine(translationRequest, translation.fault) };
      }
      case 'build-scenario': {
        const { id: _id, type: _type, ...fields } = request;
        const options = parseScenarioRequest(fields);
        if (!options.ok) return { id, type: 'invalid-request', field: options.field, message: options.error };
        const built = buildScenario(options.options);
        if (!built.ok) return { id, type: 'invalid-request', field: built.field, message: built.error };
        machine = built.scenario.machine;
        scenario = { built: built.scenario, mapped: [], unitFor: createUnitResolver(built.scenario, options.options) };
        return { id, type: 'scenario', machine: summary(machine), scenario: summarizeScenario(built.scenario) };
      }
      case 'dma-map': {
        const dma = scenario?.built.dma;
        if (scenario === undefined || dma === undefined) return { id, type: 'invalid-request', field: 'mode', message: 'only a driver on the host maps buffers: choose IOMMU disabled, iommu=pt or DMA domain (in VFIO the guest owns the device)' };
        const phys = parseHex(request.phys);
        if (!phys.ok) return { id, type: 'invalid-request', field: 'phys', message: phys.error };
        const size = parseSize(request.size);
        if (!size.ok) return { id, type: 'invalid-request', field: 'size', message: size.error };
        const problem = bufferProblem(scenario.built.platform, { phys: phys.value, size: size.value });
        if (problem !== undefined) return { id, type: 'invalid-request', field: 'phys', message: problem };
        const result = dma.map({ phys: phys.value, size: size.value });
        if (!result.ok) return { id, type: 'invalid-request', field: 'phys', message: result.error };
        const mapping: ScenarioMapping = { ...result.mapping, kind: 'dma-map' };
        scenario.mapped.push(mapping);
        const base = summarizeScenario(scenario.built);
        const log = [...base.bootLog, ...dma.messages.filter((m) => !base.bootLog.includes(m))];
        return { id, type: 'dma-mapped', mapping, machine: summary(scenario.built.machine), scenario: { ...base, mappings: [...base.mappings, ...scenario.mapped], bootLog: log } };
      }
      case 'load-dmar':
        return { id, type: 'dmar', load: exploreDmar(request.bytes) };
      case 'dmar-owner': {
        const { table } = parseDmarInput(request.bytes);
        if (table === undefined) return { id, type: 'invalid-request', field: 'bytes', message: 'no DMAR table in the bytes sent' };
        const answer = ownerOfDevice(table, request.device);
        if (!answer.ok) return { id, type: 'invalid-request', field: 'device', message: answer.error };
        return { id, type: 'dmar-owner', answer: answer.value };
      }
      case 'topology-groups': {
        const { id: _id, type: _type, ...fields } = request;
        const answer = answerTopology(fields);
        return answer.ok ? { id, type: 'topology', report: answer.value } : { id, type: 'invalid-request', field: answer.field, message: answer.error };
      }
      case 'p2p-path': {
        const { id: _id, type: _type, ...fields } = request;
        const answer = answerP2p(fields);
        return answer.ok ? { id, type: 'p2p', p2p: answer.value } : { id, type: 'invalid-request', field: answer.field, message: answer.error };
      }
      case 'vfio-viability': {
        const { id: _id, type: _type, ...fields } = request;
        const answer = answerVfio(fields);
        return answer.ok ? { id, type: 'vfio', vfio: answer.value } : { id, type: 'invalid-request', field: answer.field, message: answer.error };
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
  switch (translation.kind) {
    case 'interrupt':
      return { kind: 'interrupt', steps: [] };
    case 'ok': {
      const { route, hpa, pageSize } = translation;
      return { kind: 'ok', route, hpa, pageSize, steps: translation.steps.map(plainStep) };
    }
    case 'fault':
      return { kind: 'fault', fault: translation.fault, steps: translation.steps.map(plainStep) };
  }
}
