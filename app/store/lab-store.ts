import { create } from 'zustand';
import type { ScenarioSummary } from '../../src/linux/scenario-request.ts';
import type { ScenarioMapping, ScenarioMode } from '../../src/linux/scenario.ts';
import type { MachineSummary, UnitSummary } from '../../src/worker/protocol.ts';
import type { Access, Translation } from '../../src/vtd/translate.ts';
import type { WalkView } from '../../src/vtd/walk-view.ts';

/** The request as the user typed it: text until the engine has validated it. */
export interface RequestFields {
  readonly sourceId: string;
  readonly iova: string;
  readonly access: Access;
}

/** The kernel's set-up the translation view shows: the mode toggle and its options. */
export interface Setup {
  readonly mode: ScenarioMode;
  /** "hardware pass-through supported" (ECAP.PT), for iommu=pt. */
  readonly hwPassThrough: boolean;
  /** The built-in sample platform, or the DMAR table loaded in the DMAR view. */
  readonly machine: MachineChoice;
  /** The kernel whose behaviour the modes follow, "MAJOR.MINOR" (KERNEL_CHOICES). */
  readonly kernel: string;
  /** Host DRAM, "16GiB" (RAM_CHOICES). */
  readonly ramSize: string;
  /** The device the set-up follows (its buffers, its domain; in VFIO the one assigned); '' = the mode's default. */
  readonly device: string;
}

/** Kernels whose behaviour differs in what the view shows: 4.x dma_map_ops, dma-iommu, si_domain, none. */
export const KERNEL_CHOICES = ['4.19', '5.10', '6.6', '6.12'] as const;
export const RAM_CHOICES = ['4GiB', '8GiB', '16GiB', '32GiB', '64GiB'] as const;

/** 'file': a machine file (the CLI's format) loaded into the view; the mode toggle does not apply. */
export type MachineChoice = 'sample' | 'dmar' | 'file';

export interface TranslationResult {
  readonly request: RequestFields;
  readonly translation: Translation;
  readonly view: WalkView;
  /** The remapping unit whose scope holds the device: the one that walked the request. */
  readonly unit: UnitSummary;
  readonly faultLog: string | undefined;
}

export interface Playback {
  /** How many of the trace's steps are drawn: 0 … steps.length. */
  readonly revealed: number;
  readonly playing: boolean;
  /** Steps a second. */
  readonly speed: number;
}

export interface LabState {
  readonly setup: Setup;
  readonly machine: {
    readonly status: 'loading' | 'ready' | 'error';
    readonly summary?: MachineSummary;
    readonly scenario?: ScenarioSummary;
    readonly error?: string;
  };
  readonly request: RequestFields;
  readonly result: TranslationResult | undefined;
  readonly playback: Playback;
  /** The step whose entry the detail panel decodes; undefined: the last one drawn. */
  readonly selectedStep: number | undefined;
  /** A bad field of the request, as the engine reported it. */
  readonly inputError: { readonly field: string; readonly message: string } | undefined;
  /** The engine failed (a bug): said once, the session kept. */
  readonly engineError: string | undefined;
  /** What was wrong with the page's URL or saved state, if anything (it was not applied). */
  readonly stateError: string | undefined;
  readonly presenter: boolean;
  readonly helpOpen: boolean;
  /** The last buffer mapped with "Map a buffer", and what went wrong with the last try. */
  readonly lastMapping: ScenarioMapping | undefined;
  /** The message names the field first; `field` marks which input was wrong, if one was. */
  /** What was wrong with the machine file last chosen (the machine before it stays loaded). */
  readonly machineFileError: string | undefined;
  readonly mapError: { readonly field: 'address' | 'size' | undefined; readonly message: string } | undefined;
}

export const initialSetup: Setup = { mode: 'dma', hwPassThrough: true, machine: 'sample', kernel: '6.6', ramSize: '16GiB', device: '' };

export const useLabStore = create<LabState>()(() => ({
  setup: initialSetup,
  machine: { status: 'loading' },
  request: { sourceId: '', iova: '', access: 'read' },
  result: undefined,
  playback: { revealed: 0, playing: false, speed: 1.5 },
  selectedStep: undefined,
  inputError: undefined,
  engineError: undefined,
  stateError: undefined,
  presenter: false,
  helpOpen: false,
  lastMapping: undefined,
  mapError: undefined,
  machineFileError: undefined,
}));
