import { p2pWrite, type Hop, type P2pSettings } from './p2p-path.ts';
import { NCCL_PATH_MEANING, NCCL_PATH_TYPES, ncclDecision, ncclPathType, type NcclDecision } from './p2p-remedies.ts';
import { p2pWalks, type WalkReport } from './p2p-walk.ts';
import { hasIntelHostBridge, resolveTopology, type TopologyEdits, type TopologySource } from './topology-source.ts';
import { topologyReport, type TopologyReport } from './topology-report.ts';
import { formatAddress, type PciFunction, type Topology } from './topology.ts';
import { computeGroups } from './iommu-group.ts';
import { vfioViability, type VfioRules } from './vfio-viability.ts';

/**
 * The topology views' three questions to the engine, each self-contained (source + edits): the
 * groups, one peer-to-peer write, one VFIO hand-over. Answers are plain data ("0x…" text for
 * addresses); bad fields come back as `{ ok: false, field, error }`, never as an exception.
 */
export interface TopologyRequestFields {
  readonly source: TopologySource;
  readonly edits: TopologyEdits;
}

export interface NcclEnv {
  readonly NCCL_P2P_DISABLE?: string;
  readonly NCCL_P2P_LEVEL?: string;
}

export interface P2pRequestFields extends TopologyRequestFields {
  readonly from: string;
  readonly to: string;
  readonly settings: P2pSettings;
  readonly nccl: NcclEnv;
}

export interface VfioRequestFields extends TopologyRequestFields {
  readonly device: string;
  readonly rules: VfioRules;
}

export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly field: string; readonly error: string };

export interface P2pAnswer {
  readonly from: string;
  readonly to: string;
  readonly outcome:
    | { readonly kind: 'delivered'; readonly route: 'switch' | 'direct-translated' | 'root-complex' | 'same-device' }
    | { readonly kind: 'iommu-fault' }
    | { readonly kind: 'dropped'; readonly message: string }
    | { readonly kind: 'invalid'; readonly message: string };
  readonly hops: readonly Hop[];
  /** The engine's walks for the requests that meet the IOMMU untranslated. */
  readonly walks: readonly WalkReport[];
  readonly nccl: NcclDecision & { readonly meaning: string; readonly intelX86: boolean; readonly levelMeaning: string };
}

export interface VfioAnswer {
  readonly device: string;
  readonly group: number;
  readonly viable: boolean;
  readonly members: readonly { readonly address: string; readonly driver: string | undefined; readonly ok: boolean; readonly reason: string }[];
  readonly message: readonly string[];
}

const find = (topology: Topology, address: string): PciFunction | undefined => topology.functions.find((f) => formatAddress(f.address) === address);

export function answerTopology(fields: TopologyRequestFields): Answer<TopologyReport> {
  const resolved = resolveTopology(fields.source, fields.edits);
  return resolved.ok ? { ok: true, value: topologyReport(resolved.value) } : resolved;
}

const IOMMU_MODES: readonly P2pSettings['iommu'][] = ['dma', 'pt', 'off'];

export function answerP2p(fields: P2pRequestFields): Answer<P2pAnswer> {
  const resolved = resolveTopology(fields.source, fields.edits);
  if (!resolved.ok) return resolved;
  const { topology } = resolved.value;
  const from = find(topology, fields.from);
  if (from === undefined) return { ok: false, field: 'from', error: `no function ${fields.from} in this topology` };
  const to = find(topology, fields.to);
  if (to === undefined) return { ok: false, field: 'to', error: `no function ${fields.to} in this topology` };
  if (!IOMMU_MODES.includes(fields.settings.iommu)) return { ok: false, field: 'settings.iommu', error: `"${String(fields.settings.iommu)}" is not one of ${IOMMU_MODES.join(', ')}` };
  const level = fields.nccl.NCCL_P2P_LEVEL;
  if (level !== undefined && !NCCL_PATH_TYPES.some((t) => t === level)) return { ok: false, field: 'NCCL_P2P_LEVEL', error: `"${level}" is not an NCCL path level (${NCCL_PATH_TYPES.join(', ')})` };
  const intelX86 = hasIntelHostBridge(topology);
  const pathType = ncclPathType(topology, from, to);
  const decision = ncclDecision(pathType, fields.nccl, intelX86);
  const result = p2pWrite(topology, from, to, fields.settings);
  const outcome: P2pAnswer['outcome'] = result.kind === 'delivered' ? { kind: 'delivered', route: result.route }
    : result.kind === 'iommu-fault' ? { kind: 'iommu-fault' }
    : result.kind === 'dropped' ? { kind: 'dropped', message: result.message }
    : { kind: 'invalid', message: result.message };
  return {
    ok: true,
    value: {
      from: fields.from,
      to: fields.to,
      outcome,
      hops: result.kind === 'invalid' ? [] : result.hops,
      walks: p2pWalks(from, to, fields.settings, result, !decision.usesP2p),
      nccl: { ...decision, meaning: NCCL_PATH_MEANING[pathType], intelX86, levelMeaning: NCCL_PATH_MEANING[decision.level] },
    },
  };
}

export function answerVfio(fields: VfioRequestFields): Answer<VfioAnswer> {
  const resolved = resolveTopology(fields.source, fields.edits);
  if (!resolved.ok) return resolved;
  if (fields.rules !== 'dma-ownership' && fields.rules !== 'vfio-dev-viable') return { ok: false, field: 'rules', error: `"${String(fields.rules)}" is not dma-ownership or vfio-dev-viable` };
  const grouping = computeGroups(resolved.value.topology, resolved.value.platform);
  const verdict = vfioViability(grouping, fields.device, fields.rules);
  if (verdict.kind === 'not-found') return { ok: false, field: 'device', error: verdict.message };
  return {
    ok: true,
    value: {
      device: fields.device,
      group: verdict.group.id,
      viable: verdict.kind === 'viable',
      members: verdict.members.map((m) => ({ address: formatAddress(m.function.address), driver: m.function.driver, ok: m.ok, reason: m.reason })),
      message: verdict.kind === 'not-viable' ? verdict.qemuMessage : [],
    },
  };
}
