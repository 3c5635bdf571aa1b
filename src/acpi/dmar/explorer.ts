import { toHex } from '../../hex.ts';
import { decodeCap, decodeEcap } from '../../vtd/registers.ts';
import type { Diagnostic } from './diagnostics.ts';
import { dmarFieldTree, type FieldTree } from './field-tree.ts';
import { lintDmar, type LintFinding } from './lint.ts';
import { explainRmrrs, type RmrrExplanation } from './rmrr-explain.ts';
import { scopeOwners, type ScopeOwner } from './scope-ownership.ts';
import type { DmarTable } from './table.ts';
import { parseDmarInput, type InputFormat } from './text-input.ts';
import { dmarToUnits, type RemappingUnit } from './units.ts';

/** A remapping unit with its default CAP/ECAP in words. */
export interface UnitSummary extends RemappingUnit {
  /** "SAGAW 39/48-bit, MGAW 48, 2 MiB/1 GiB pages". */
  readonly capSummary: string;
  /** "QI, PT, IR". */
  readonly ecapSummary: string;
}

/** One row of the hex view: 16 bytes from `offset`, as text. */
export interface HexRow {
  readonly offset: number;
  /** "fe", one per byte. */
  readonly cells: readonly string[];
  /** The bytes as characters, '.' for those that do not print. */
  readonly text: string;
}

/** Everything the DMAR explorer shows about a table, computed in the engine. */
export interface DmarAnalysis {
  readonly tree: FieldTree;
  readonly hexRows: readonly HexRow[];
  readonly lint: readonly LintFinding[];
  readonly units: readonly UnitSummary[];
  readonly rmrrs: readonly RmrrExplanation[];
  readonly owners: readonly ScopeOwner[];
}

export interface DmarExplorerLoad {
  readonly format: InputFormat;
  /** The table's bytes (for text inputs: rebuilt from the text); offsets refer to these. */
  readonly bytes: Uint8Array;
  readonly table: DmarTable | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** A table was decoded and no diagnostic is an error: it can replace the table shown. */
  readonly clean: boolean;
  /** Undefined when no table could be decoded at all. */
  readonly analysis: DmarAnalysis | undefined;
}

/**
 * Parses an upload in any of the three input forms and analyses what was decoded (also a partial
 * table, so the UI can offer to inspect it). Never throws.
 */
export function exploreDmar(input: Uint8Array): DmarExplorerLoad {
  const { format, bytes, table, diagnostics } = parseDmarInput(input);
  const clean = table !== undefined && !diagnostics.some((d) => d.severity === 'error');
  return { format, bytes, table, diagnostics, clean, analysis: table === undefined ? undefined : analyse(table, diagnostics) };
}

function analyse(table: DmarTable, diagnostics: readonly Diagnostic[]): DmarAnalysis {
  return {
    tree: dmarFieldTree(table),
    hexRows: hexRows(table.bytes),
    lint: lintDmar(table, diagnostics),
    units: dmarToUnits(table).map(summarizeUnit),
    rmrrs: explainRmrrs(table),
    owners: scopeOwners(table),
  };
}

const SAGAW_WIDTHS = [30, 39, 48, 57, 64];

function summarizeUnit(unit: RemappingUnit): UnitSummary {
  const cap = decodeCap(unit.registers.cap);
  const ecap = decodeEcap(unit.registers.ecap);
  const widths = SAGAW_WIDTHS.filter((_, aw) => (cap.sagaw >> aw) & 1).join('/');
  const pages = ['2 MiB', '1 GiB'].filter((_, bit) => (cap.sllps >> bit) & 1);
  const capSummary = `${toHex(unit.registers.cap, 16)}: SAGAW ${widths}-bit, MGAW ${cap.mgaw}${pages.length ? `, ${pages.join('/')} pages` : ''}`;
  const names = (['qi', 'dt', 'ir', 'pt', 'sc'] as const).filter((k) => ecap[k]).map((k) => k.toUpperCase());
  return { ...unit, capSummary, ecapSummary: `${toHex(unit.registers.ecap, 16)}: ${names.join(', ') || 'none'}` };
}

function hexRows(bytes: Uint8Array): HexRow[] {
  const rows: HexRow[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const slice = Array.from(bytes.subarray(offset, offset + 16));
    rows.push({
      offset,
      cells: slice.map((b) => b.toString(16).padStart(2, '0')),
      text: slice.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    });
  }
  return rows;
}
