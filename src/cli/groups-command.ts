import { platformOf } from '../pci/topology/topology-source.ts';
import { computeGroups, type Grouping } from '../pci/topology/iommu-group.ts';
import type { Platform } from '../pci/topology/acs.ts';
import { parseLspci, type LspciDiagnostic } from '../pci/topology/lspci-parse.ts';
import { compareWithReported, type GroupDiagnostic, type ReportedComparison } from '../pci/topology/reported-groups.ts';
import { formatAddress, idsText } from '../pci/topology/topology.ts';
import { parseCommandArgs, readTextFile } from './args.ts';
import { UsageError } from './errors.ts';

/** `groups LSPCI.txt [--json]`: IOMMU groups computed from the text of `lspci -vvv`. */
export function groupsCommand(args: string[]): string {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('missing LSPCI.txt (the text of lspci -vvv)');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const text = readTextFile(file);
  if (text.trim() === '') throw new UsageError(`${file}: empty file (expected the text of lspci -vvv)`);
  const parsed = parseLspci(text);
  const fatal = parsed.diagnostics.find((d) => d.severity === 'error');
  if (fatal !== undefined || parsed.topology.functions.length === 0) throw new UsageError(`${file}: ${fatal?.message ?? 'no PCI function found'}`);
  const platform = platformOf(parsed.topology);
  const grouping = computeGroups(parsed.topology, platform);
  const reported = compareWithReported(parsed.topology, grouping);
  const diagnostics = [...parsed.diagnostics, ...reported.diagnostics, assumption(platform)];
  return values.json ? JSON.stringify(groupsJson(grouping, reported, diagnostics)) : groupsListing(grouping, reported, diagnostics);
}

function assumption(platform: Platform): GroupDiagnostic {
  return {
    severity: 'info',
    code: 'assumed-platform',
    message: `grouping rules of Linux pci_device_group() (5.x–6.18); assumed: an IOMMU driver requested ACS at boot; ACPI IVRS table ${platform.ivrs ? 'present (an AMD IOMMU function is listed)' : 'absent (no AMD IOMMU function listed)'}`,
  };
}

type AnyDiagnostic = LspciDiagnostic | GroupDiagnostic;

function groupsJson(grouping: Grouping, reported: ReportedComparison, diagnostics: readonly AnyDiagnostic[]): Record<string, unknown> {
  return {
    groups: grouping.groups.map((g) => ({
      id: g.id,
      devices: g.devices.map((f) => formatAddress(f.address)),
      why: g.why,
      uncertain: g.uncertain,
      ...(reported.reportedOf.has(g.id) ? { reportedGroups: reported.reportedOf.get(g.id) } : {}),
    })),
    diagnostics: diagnostics.map((d) => ({ severity: d.severity, code: d.code, ...('line' in d ? { line: d.line } : {}), message: d.message })),
  };
}

function groupsListing(grouping: Grouping, reported: ReportedComparison, diagnostics: readonly AnyDiagnostic[]): string {
  const lines: string[] = [];
  for (const g of grouping.groups) {
    const kernel = reported.reportedOf.get(g.id);
    lines.push(`group ${g.id}${g.uncertain ? ' (uncertain)' : ''}${kernel === undefined ? '' : `  kernel: ${kernel.length === 0 ? 'none' : kernel.join(', ')}`}`);
    for (const f of g.devices) lines.push(`  ${formatAddress(f.address)} [${idsText(f)}] ${f.description}`);
    for (const why of g.why) lines.push(`    why: ${why}`);
  }
  if (diagnostics.length > 0) lines.push('', 'diagnostics:', ...diagnostics.map((d) => `  ${d.severity} ${d.code}: ${d.message}`));
  return lines.join('\n');
}
