import { create } from 'zustand';
import type { P2pSettings } from '../../src/pci/topology/p2p-path.ts';
import type { NcclPathType } from '../../src/pci/topology/p2p-remedies.ts';
import type { TopologyReport } from '../../src/pci/topology/topology-report.ts';
import type { P2pAnswer, VfioAnswer } from '../../src/pci/topology/topology-requests.ts';
import type { SampleTopologyId, TopologyEdits } from '../../src/pci/topology/topology-source.ts';
import type { VfioRules } from '../../src/pci/topology/vfio-viability.ts';

/** Which machine the view shows: a sample, or the user's imported lspci text. */
export type MachineChoice = SampleTopologyId | 'imported';

export interface ImportedDump {
  /** The file's name, or "pasted text". */
  readonly name: string;
  readonly text: string;
}

export interface P2pChoice {
  /** GPU A, the requester, and GPU B, whose BAR it writes: "0000:03:00.0" addresses, or '' before a report. */
  readonly from: string;
  readonly to: string;
  readonly settings: P2pSettings;
  readonly ncclDisable: boolean;
  /** NCCL_P2P_LEVEL, or '' when unset (NCCL's default). */
  readonly ncclLevel: NcclPathType | '';
}

export interface TopologyState {
  readonly machine: MachineChoice;
  /** The last import that parsed; kept while a sample is shown, and across reloads. */
  readonly imported: ImportedDump | undefined;
  /** What the user typed into the import box, imported or not. */
  readonly draft: string;
  readonly edits: TopologyEdits;
  readonly report: TopologyReport | undefined;
  readonly loading: boolean;
  /** The import was refused: what and where. The previous topology stays. */
  readonly importError: string | undefined;
  /** An edit or request the engine refused, or an engine failure. */
  readonly error: string | undefined;
  readonly p2p: P2pChoice;
  readonly p2pAnswer: P2pAnswer | undefined;
  readonly vfio: { readonly device: string; readonly rules: VfioRules };
  readonly vfioAnswer: VfioAnswer | undefined;
  /** The function picked in the diagram, for its details. */
  readonly selected: string | undefined;
}

export const NO_EDITS: TopologyEdits = { acsCtl: {}, drivers: {} };

export const useTopologyStore = create<TopologyState>()(() => ({
  machine: 'server',
  imported: undefined,
  draft: '',
  edits: NO_EDITS,
  report: undefined,
  loading: false,
  importError: undefined,
  error: undefined,
  p2p: { from: '', to: '', settings: { iommu: 'dma', peerMapped: false, rootComplexP2p: true, atsTranslated: false }, ncclDisable: false, ncclLevel: '' },
  p2pAnswer: undefined,
  vfio: { device: '', rules: 'dma-ownership' },
  vfioAnswer: undefined,
  selected: undefined,
}));
