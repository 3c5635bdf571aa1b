import { toHex } from '../hex.ts';
import type { Diagnostic } from '../acpi/dmar/diagnostics.ts';
import { scopeText, type E820Range } from '../acpi/dmar/lint-finding.ts';
import { lintDmar, type LintFinding } from '../acpi/dmar/lint.ts';
import { explainRmrrs } from '../acpi/dmar/rmrr-explain.ts';
import { SCOPE_TYPE_NAMES, type DeviceScope, type DmarStructure, type DmarTable } from '../acpi/dmar/table.ts';
import { parseDmarInput } from '../acpi/dmar/text-input.ts';
import { parseCommandArgs, readBinaryFile, readTextFile } from './args.ts';
import { UsageError } from './errors.ts';

/**
 * `dmar FILE [--json] [--lint] [--explain] [--e820 DMESG.txt]`: FILE is the raw table, acpidump
 * text or an `iasl -d` listing. Any error-severity diagnostic (not a DMAR, truncated header,
 * structure problems) exits 1 with the first error; warnings (a bad checksum, …) print and exit 0.
 */
export function dmarCommand(args: string[]): string {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    lint: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    e820: { type: 'string' },
  });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('missing FILE (a DMAR table, acpidump text or iasl -d listing)');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const e820 = values.e820 === undefined ? undefined : readE820(values.e820);
  const { table, diagnostics } = parseDmarInput(readBinaryFile(file));
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined || table === undefined) throw new UsageError(`${file}: ${error?.message ?? 'no DMAR table'}`);
  const lint = values.lint ? lintDmar(table, diagnostics, e820 === undefined ? {} : { e820 }) : undefined;
  if (values.json) return JSON.stringify({ ...dmarJson(table, diagnostics), ...(lint === undefined ? {} : { lint }) });
  const parts = [dmarTree(table, diagnostics)];
  if (lint !== undefined) parts.push(lintText(lint));
  if (values.explain) parts.push(explainText(table));
  return parts.join('\n\n');
}

/** The CLI's JSON contract (issue 5): header numbers, "0x…" addresses, one entry per structure. */
export function dmarJson(table: DmarTable, diagnostics: readonly Diagnostic[]): Record<string, unknown> {
  const { header } = table;
  return {
    signature: header.signature,
    length: header.length,
    revision: header.revision,
    checksumValid: header.checksumValid,
    oemId: header.oemId,
    oemTableId: header.oemTableId,
    creatorId: header.creatorId,
    oemRevision: header.oemRevision,
    creatorRevision: header.creatorRevision,
    hostAddressWidth: header.haw,
    flags: header.flags,
    diagnostics: diagnostics.map(({ severity, code, offset, length, path, message }) => ({ severity, code, offset, length, path, message })),
    structures: table.structures.map(structureJson),
  };
}

const scopesJson = (scopes: readonly DeviceScope[]): unknown[] =>
  scopes.map((s) => ({ type: s.type, enumerationId: s.enumerationId, startBus: s.startBus, path: s.path.map((h) => ({ device: h.device, function: h.function })) }));

function structureJson(s: DmarStructure): Record<string, unknown> {
  const head = { type: s.type, offset: s.offset, length: s.length };
  switch (s.type) {
    case 'DRHD':
      return { ...head, flags: s.flags, segment: s.segment, registerBaseAddress: toHex(s.registerBaseAddress), deviceScopes: scopesJson(s.deviceScopes) };
    case 'RMRR':
      return { ...head, segment: s.segment, baseAddress: toHex(s.baseAddress), endAddress: toHex(s.endAddress), deviceScopes: scopesJson(s.deviceScopes) };
    case 'ATSR':
    case 'SATC':
      return { ...head, flags: s.flags, segment: s.segment, deviceScopes: scopesJson(s.deviceScopes) };
    case 'SIDP':
      return { ...head, segment: s.segment, deviceScopes: scopesJson(s.deviceScopes) };
    case 'RHSA':
      return { ...head, registerBaseAddress: toHex(s.registerBaseAddress), proximityDomain: s.proximityDomain };
    case 'ANDD':
      return { ...head, acpiDeviceNumber: s.acpiDeviceNumber, objectName: s.objectName };
    case 'unknown':
      return { type: 'unknown', typeCode: s.typeCode, offset: s.offset, length: s.length };
  }
}

const FLAG_NAMES = ['INTR_REMAP', 'X2APIC_OPT_OUT', 'DMA_CTRL_PLATFORM_OPT_IN'];
const hex = (n: number): string => `0x${n.toString(16)}`;

function dmarTree(table: DmarTable, diagnostics: readonly Diagnostic[]): string {
  const h = table.header;
  const flagNames = FLAG_NAMES.filter((_, bit) => (h.flags >> bit) & 1).join(' | ') || 'none';
  const lines = [
    `DMAR length ${hex(h.length)} (${h.length}), revision ${h.revision}, checksum ${hex(h.checksum)} (${h.checksumValid ? 'valid' : 'INVALID'})`,
    `  OEM ${JSON.stringify(h.oemId)} ${JSON.stringify(h.oemTableId)} rev ${hex(h.oemRevision)}, creator ${JSON.stringify(h.creatorId)} rev ${hex(h.creatorRevision)}`,
    `  host address width ${h.haw} bits, flags ${hex(h.flags)} (${flagNames})`,
  ];
  for (const s of table.structures) {
    lines.push(`${hex(s.offset).padEnd(7)}${structureLine(s)}`);
    if ('deviceScopes' in s) for (const scope of s.deviceScopes) lines.push(`         ${scopeLine(scope)}`);
  }
  for (const d of diagnostics) lines.push(`${d.severity}: ${d.message}`);
  return lines.join('\n');
}

function structureLine(s: DmarStructure): string {
  const head = `${s.type}#${s.index} length ${hex(s.length)}`;
  switch (s.type) {
    case 'DRHD':
      return `${head} segment ${s.segment} base ${toHex(s.registerBaseAddress)} flags ${hex(s.flags)}${s.includePciAll ? ' INCLUDE_PCI_ALL' : ''}${s.size ? ` size 2^${s.size} pages` : ''}`;
    case 'RMRR':
      return `${head} segment ${s.segment} ${toHex(s.baseAddress)}-${toHex(s.endAddress)}`;
    case 'ATSR':
      return `${head} segment ${s.segment} flags ${hex(s.flags)}${s.allPorts ? ' ALL_PORTS' : ''}`;
    case 'SATC':
      return `${head} segment ${s.segment} flags ${hex(s.flags)}${s.atcRequired ? ' ATC_REQUIRED' : ''}`;
    case 'SIDP':
      return `${head} segment ${s.segment}`;
    case 'RHSA':
      return `${head} base ${toHex(s.registerBaseAddress)} proximity domain ${s.proximityDomain}`;
    case 'ANDD':
      return `${head} device ${s.acpiDeviceNumber} ${JSON.stringify(s.objectName)}`;
    case 'unknown':
      return `${head} type ${s.typeCode} (unknown)`;
  }
}

const scopeLine = (s: DeviceScope): string =>
  `${(SCOPE_TYPE_NAMES[s.type] ?? `type ${s.type}`).padEnd(22)}${s.type >= 3 && s.type <= 5 ? `id ${s.enumerationId} ` : ''}${scopeText(s)}${s.flags ? ` flags ${hex(s.flags)}` : ''}`;

function lintText(findings: readonly LintFinding[]): string {
  if (findings.length === 0) return 'lint: no findings';
  return ['lint:', ...findings.map((f) => `  ${f.severity.padEnd(8)}${hex(f.offset).padEnd(7)}${f.message}${f.alsoReportedBy.length ? ` [also: ${f.alsoReportedBy.join(', ')}]` : ''}`)].join('\n');
}

function explainText(table: DmarTable): string {
  const rmrrs = explainRmrrs(table);
  if (rmrrs.length === 0) return 'RMRRs: none (no device needs a 1:1 mapping)';
  return rmrrs
    .map((r) => [`${r.rmrr} ${r.range} (${r.bytes} bytes)`, ...r.devices.map((d) => `  ${d.scope} owner ${d.owner ?? '?'}: ${d.deviceClass.kind}${'source' in d.deviceClass && d.deviceClass.source === 'intel-convention' ? ' (by Intel bus-0 convention)' : ''} — ${d.consequence}`)].join('\n'))
    .join('\n');
}

const E820_LINE = /\[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (usable|reserved|ACPI data|ACPI NVS|unusable|persistent)/i;
const E820_TYPES: Record<string, number> = { usable: 1, reserved: 2, 'acpi data': 3, 'acpi nvs': 4, unusable: 5, persistent: 7 };

/** The e820 map from dmesg lines like `BIOS-e820: [mem 0x0000000000100000-0x000000007dffcfff] usable`. */
function readE820(path: string): E820Range[] {
  const ranges = readTextFile(path).split('\n').flatMap((line) => {
    const m = E820_LINE.exec(line);
    if (m === null) return [];
    return [{ base: BigInt(m[1] ?? '0'), end: BigInt(m[2] ?? '0'), type: E820_TYPES[(m[3] ?? '').toLowerCase()] ?? 0 }];
  });
  if (ranges.length === 0) throw new UsageError(`${path}: no "BIOS-e820: [mem 0x…-0x…] type" lines`);
  return ranges;
}
