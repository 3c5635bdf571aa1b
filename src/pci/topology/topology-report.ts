import { describe } from './acs.ts';
import { computeGroups } from './iommu-group.ts';
import { compareWithReported } from './reported-groups.ts';
import type { ResolvedTopology } from './topology-source.ts';
import { formatAddress, idsText, upstreamBridge, type AcsState, type PortType } from './topology.ts';

/**
 * The topology and its IOMMU groups as plain data for the views: addresses as "0000:02:00.0"
 * text, each function's group and parent, each group's members and why. The views draw and list
 * this; they compute nothing about groups themselves.
 */
export interface FunctionReport {
  readonly address: string;
  /** The upstream bridge ("bus->self"), or undefined on a root bus. */
  readonly parent: string | undefined;
  readonly ids: string;
  readonly classCode: number | undefined;
  readonly description: string;
  readonly portType: PortType;
  /** "0000:02:00.0 (switch downstream port)", the words the group reasons use. */
  readonly described: string;
  readonly multifunction: boolean;
  readonly acs: AcsState;
  readonly bridge: boolean;
  /** Assigned memory BARs, as "0x…" text. */
  readonly memoryBars: readonly { readonly index: number; readonly address: string; readonly size: string | undefined; readonly prefetchable: boolean }[];
  readonly ats: boolean;
  readonly driver: string | undefined;
  readonly group: number;
  readonly reportedGroup: number | undefined;
}

export interface GroupReport {
  readonly id: number;
  readonly devices: readonly string[];
  readonly why: readonly string[];
  readonly uncertain: boolean;
  /** The kernel's "IOMMU group:" numbers among the members, when the dump has them. */
  readonly reported: readonly number[] | undefined;
  /** The kernel grouped these members differently (split or merged with another group). */
  readonly disagrees: boolean;
}

export interface TopologyReport {
  readonly functions: readonly FunctionReport[];
  readonly groups: readonly GroupReport[];
  readonly diagnostics: readonly { readonly severity: 'error' | 'warning' | 'info'; readonly code: string; readonly line?: number; readonly message: string }[];
  /** What the grouping assumed about the platform and which kernel's rules it follows. */
  readonly assumptions: string;
}

const sizeText = (size: bigint | undefined): string | undefined => {
  if (size === undefined) return undefined;
  const units: readonly [bigint, string][] = [[1n << 30n, 'G'], [1n << 20n, 'M'], [1n << 10n, 'K']];
  const unit = units.find(([u]) => size >= u && size % u === 0n);
  return unit === undefined ? `${size}` : `${size / unit[0]}${unit[1]}`;
};

/** Groups the resolved topology and reports it. Never throws. */
export function topologyReport(resolved: ResolvedTopology): TopologyReport {
  const { topology, platform } = resolved;
  const grouping = computeGroups(topology, platform);
  const compared = compareWithReported(topology, grouping);
  const functions = topology.functions.map((f): FunctionReport => ({
    address: formatAddress(f.address),
    parent: (() => {
      const up = upstreamBridge(topology, f);
      return up === undefined ? undefined : formatAddress(up.address);
    })(),
    ids: idsText(f),
    classCode: f.classCode,
    description: f.description,
    portType: f.portType,
    described: describe(f),
    multifunction: f.multifunction,
    acs: f.acs,
    bridge: f.busRange !== undefined,
    memoryBars: f.bars.flatMap((b) => (b.kind === 'memory' && b.address !== undefined ? [{ index: b.index, address: `0x${b.address.toString(16)}`, size: sizeText(b.size), prefetchable: b.prefetchable }] : [])),
    ats: f.ats,
    driver: f.driver,
    group: grouping.groupOf.get(f) ?? -1,
    reportedGroup: f.reportedGroup,
  }));
  const kernelGroupsElsewhere = (id: number, reported: readonly number[]): boolean =>
    functions.some((f) => f.group !== id && f.reportedGroup !== undefined && reported.includes(f.reportedGroup));
  const groups = grouping.groups.map((g): GroupReport => {
    const reported = compared.reportedOf.get(g.id);
    return {
      id: g.id,
      devices: g.devices.map((f) => formatAddress(f.address)),
      why: g.why,
      uncertain: g.uncertain,
      reported,
      disagrees: reported !== undefined && (reported.length > 1 || kernelGroupsElsewhere(g.id, reported)),
    };
  });
  return {
    functions,
    groups,
    diagnostics: [...resolved.diagnostics, ...compared.diagnostics],
    assumptions: `Groups as Linux pci_device_group() forms them (5.x–6.18), with the kernel's ACS quirk table; assumed: an IOMMU driver requested ACS at boot; ACPI IVRS table ${platform.ivrs ? 'present (an AMD IOMMU function is listed)' : 'absent'}.`,
  };
}
