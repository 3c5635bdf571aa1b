import type { DmarExplorerLoad } from '../acpi/dmar/explorer.ts';
import type { OwnerAnswer } from '../acpi/dmar/scope-ownership.ts';
import type { ScenarioRequestFields, ScenarioSummary } from '../linux/scenario-request.ts';
import type { ScenarioMapping } from '../linux/scenario.ts';
import type { MachineFile } from '../machine-file.ts';
import type { Access, Translation } from '../vtd/translate.ts';
import type { WalkView } from '../vtd/walk-view.ts';
import type { P2pAnswer, P2pRequestFields, TopologyRequestFields, VfioAnswer, VfioRequestFields } from '../pci/topology/topology-requests.ts';
import type { TopologyReport } from '../pci/topology/topology-report.ts';

/**
 * Messages between the app and the engine's Web Worker (and, unchanged, between tests and the
 * engine host in node). Every request carries an id; every response answers one id. Text from
 * the user (BDF, addresses) travels as typed and is validated by the engine, so every bad input
 * is reported in one place, naming the field.
 */
export type EngineRequest = { readonly id: number } & (
  | { readonly type: 'load-machine'; readonly file: unknown }
  | { readonly type: 'translate'; readonly sourceId: string; readonly iova: string; readonly access: Access }
  /** Build one mode's machine on the sample platform; it becomes the machine 'translate' walks. */
  | ({ readonly type: 'build-scenario' } & ScenarioRequestFields)
  /** Map one more buffer with the current scenario's DMA API (dma_map_page), as the driver would. */
  | { readonly type: 'dma-map'; readonly phys: string; readonly size: string }
  /** Decode a DMAR table (binary, acpidump or iasl text), lint and explain it. */
  | { readonly type: 'load-dmar'; readonly bytes: Uint8Array }
  /** Which DRHD of the DMAR table in `bytes` owns the device `device` names (BB:DD.F or SSSS:BB:DD.F). */
  | { readonly type: 'dmar-owner'; readonly bytes: Uint8Array; readonly device: string }
  /** IOMMU groups of a sample or an lspci -vvv text, after the user's ACS / driver edits. */
  | ({ readonly type: 'topology-groups' } & TopologyRequestFields)
  /** One device writes another's BAR: route, result, the IOMMU walks and NCCL's choice. */
  | ({ readonly type: 'p2p-path' } & P2pRequestFields)
  /** Whether `device` can be handed to vfio-pci, member by member of its group. */
  | ({ readonly type: 'vfio-viability' } & VfioRequestFields)
);

/** The remapping unit a request was walked through. */
export interface UnitSummary {
  readonly name: string;
  readonly rtaddr: bigint;
  readonly translationEnabled: boolean;
}

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
  | { readonly type: 'translation'; readonly translation: Translation; readonly view: WalkView; readonly unit: UnitSummary; readonly faultLog?: string }
  | { readonly type: 'scenario'; readonly machine: MachineSummary; readonly scenario: ScenarioSummary }
  | { readonly type: 'dma-mapped'; readonly mapping: ScenarioMapping; readonly machine: MachineSummary; readonly scenario: ScenarioSummary }
  | { readonly type: 'dmar'; readonly load: DmarExplorerLoad }
  | { readonly type: 'dmar-owner'; readonly answer: OwnerAnswer }
  | { readonly type: 'topology'; readonly report: TopologyReport }
  | { readonly type: 'p2p'; readonly p2p: P2pAnswer }
  | { readonly type: 'vfio'; readonly vfio: VfioAnswer }
  /** The request was understood but its input is bad: `field` names it. */
  | { readonly type: 'invalid-request'; readonly field: string; readonly message: string }
  /** A bug: the engine threw. The app keeps its session and says so. */
  | { readonly type: 'internal-error'; readonly message: string }
);
