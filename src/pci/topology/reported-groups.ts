import type { Grouping } from './iommu-group.ts';
import { formatAddress, type Topology } from './topology.ts';

/**
 * Sets the computed groups beside the "IOMMU group: N" lines of the dump. The reported numbers
 * are only compared, never fed back into the computation.
 */
export type GroupDiagnosticCode = 'reported-group-split' | 'reported-group-merged' | 'no-reported-group' | 'assumed-platform';

export interface GroupDiagnostic {
  readonly severity: 'warning' | 'info';
  readonly code: GroupDiagnosticCode;
  readonly message: string;
}

export interface ReportedComparison {
  /** For each computed group id, the kernel's group numbers among its members, ascending. */
  readonly reportedOf: ReadonlyMap<number, readonly number[]>;
  readonly diagnostics: readonly GroupDiagnostic[];
}

/** Compares; with no "IOMMU group:" line in the dump there is nothing to compare and no diagnostic. */
export function compareWithReported(topology: Topology, grouping: Grouping): ReportedComparison {
  const reportedOf = new Map<number, number[]>();
  const diagnostics: GroupDiagnostic[] = [];
  if (!topology.functions.some((f) => f.reportedGroup !== undefined)) return { reportedOf, diagnostics };
  for (const group of grouping.groups) {
    const ids = [...new Set(group.devices.flatMap((f) => (f.reportedGroup === undefined ? [] : [f.reportedGroup])))].sort((a, b) => a - b);
    reportedOf.set(group.id, ids);
    if (ids.length > 1) {
      const members = group.devices.map((f) => `${formatAddress(f.address)}→${f.reportedGroup ?? 'none'}`).join(', ');
      diagnostics.push({ severity: 'warning', code: 'reported-group-split', message: `computed group ${group.id} holds functions the kernel put in groups ${ids.join(', ')} (${members})` });
    }
  }
  const byReported = new Map<number, Set<number>>();
  for (const f of topology.functions) {
    const computed = grouping.groupOf.get(f);
    if (f.reportedGroup === undefined || computed === undefined) continue;
    byReported.set(f.reportedGroup, (byReported.get(f.reportedGroup) ?? new Set()).add(computed));
  }
  for (const [reported, computed] of [...byReported].sort((a, b) => a[0] - b[0])) {
    if (computed.size > 1) diagnostics.push({ severity: 'warning', code: 'reported-group-merged', message: `the kernel's group ${reported} spans computed groups ${[...computed].sort((a, b) => a - b).join(', ')}` });
  }
  const none = topology.functions.filter((f) => f.reportedGroup === undefined);
  if (none.length > 0) {
    diagnostics.push({
      severity: 'info',
      code: 'no-reported-group',
      message: `${none.map((f) => formatAddress(f.address)).join(', ')}: no "IOMMU group" line while other functions have one: no IOMMU probed ${none.length === 1 ? 'it' : 'them'} (e.g. the IOMMU's own function, or a device outside every DRHD/IVHD scope); ${none.length === 1 ? 'it is' : 'they are'} still grouped here as pci_device_group() would`,
    });
  }
  return { reportedOf, diagnostics };
}
