import type { MachineFile } from '../machine-file.ts';
import type { Access, Translation } from '../vtd/translate.ts';

/**
 * Messages between the app and the engine's Web Worker (and, unchanged, between tests and the
 * engine host in node). Every request carries an id; every response answers one id. Text from
 * the user (BDF, addresses) travels as typed and is validated by the engine, so every bad input
 * is reported in one place, naming the field.
 */
export type EngineRequest = { readonly id: number } & (
  | { readonly type: 'load-sample' }
  | { readonly type: 'load-machine'; readonly file: unknown }
  | { readonly type: 'translate'; readonly sourceId: string; readonly iova: string; readonly access: Access }
);

export interface MachineSummary {
  readonly haw: number;
  readonly cap: bigint;
  readonly ecap: bigint;
  readonly rtaddr: bigint;
  readonly translationEnabled: boolean;
  readonly pageCount: number;
}

export type EngineResponse = { readonly id: number } & (
  | { readonly type: 'machine'; readonly machine: MachineSummary; readonly file: MachineFile }
  | { readonly type: 'translation'; readonly translation: Translation; readonly faultLog?: string }
  /** The request was understood but its input is bad: `field` names it. */
  | { readonly type: 'invalid-request'; readonly field: string; readonly message: string }
  /** A bug: the engine threw. The app keeps its session and says so. */
  | { readonly type: 'internal-error'; readonly message: string }
);
