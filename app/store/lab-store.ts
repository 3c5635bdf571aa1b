import { create } from 'zustand';
import type { MachineSummary } from '../../src/worker/protocol.ts';
import type { Access, Translation } from '../../src/vtd/translate.ts';

/** The request as the user typed it: text until the engine has validated it. */
export interface RequestFields {
  readonly sourceId: string;
  readonly iova: string;
  readonly access: Access;
}

export interface TranslationResult {
  readonly request: RequestFields;
  readonly translation: Translation;
  readonly faultLog: string | undefined;
}

export interface LabState {
  readonly machine: { readonly status: 'loading' | 'ready' | 'error'; readonly summary?: MachineSummary; readonly error?: string };
  readonly request: RequestFields;
  readonly result: TranslationResult | undefined;
  /** A bad field of the request, as the engine reported it. */
  readonly inputError: { readonly field: string; readonly message: string } | undefined;
  /** The engine failed (a bug): said once, the session kept. */
  readonly engineError: string | undefined;
  readonly pending: boolean;
}

export const initialRequest: RequestFields = { sourceId: '00:02.0', iova: '0xfffff234', access: 'read' };

export const useLabStore = create<LabState>()(() => ({
  machine: { status: 'loading' },
  request: initialRequest,
  result: undefined,
  inputError: undefined,
  engineError: undefined,
  pending: false,
}));
