import { toHex } from '../../src/hex.ts';
import { FAULT_REASONS, faultReasonSpec } from '../../src/vtd/fault-reason.ts';
import type { Step } from '../../src/vtd/trace.ts';
import { t } from '../i18n/i18n.ts';
import type { TranslationResult } from '../store/lab-store.ts';

export type ColumnKind = 'device' | 'unit' | Step['kind'] | 'page' | 'memory' | 'fault' | 'interrupt';

export interface ModelRow {
  readonly index: number;
  /** The index as the spec writes it, in hex. */
  readonly label: string;
  readonly value: string;
  readonly present: boolean;
  readonly active: boolean;
}

/** One box of the walk diagram: the device, the unit, a table the walk read, or where it ended. */
export interface ModelColumn {
  readonly id: string;
  readonly kind: ColumnKind;
  readonly title: string;
  readonly subtitle: string;
  /** Drawn once this many steps are revealed (0: always). */
  readonly revealAt: number;
  readonly rows: readonly ModelRow[];
  /** What the active entry says, in a line. */
  readonly note: string;
  readonly faulted: boolean;
}

export interface WalkModel {
  readonly columns: readonly ModelColumn[];
  readonly stepCount: number;
}

const flag = (on: boolean, name: string): string => (on ? name : t('tr.note.no', { flag: name }));

/** The active entry's meaning in one line, from the engine's decoded fields, in the current language. */
export function entryNote(step: Step): string {
  switch (step.kind) {
    case 'root':
      return step.rootEntry.present ? t('tr.note.rootPresent', { ctp: toHex(step.rootEntry.ctp) }) : t('tr.note.rootAbsent');
    case 'context': {
      const e = step.contextEntry;
      if (!e.present) return t('tr.note.contextAbsent');
      return `TT=${e.tt.toString(2).padStart(2, '0')} AW=${e.aw} DID=${e.did}${e.tt === 2 ? '' : ` → ${toHex(e.slptptr)}`}`;
    }
    default: {
      const e = step.slpte;
      if (!e.r && !e.w) return t('tr.note.notPresent');
      const rights = `${flag(e.r, 'R')} ${flag(e.w, 'W')}`;
      return step.leaf ? t('tr.note.page', { rights: `${rights}${e.ps ? ' PS' : ''}`, address: toHex(e.address) }) : `${rights} → ${toHex(e.address)}`;
    }
  }
}

function rawText(raw: readonly bigint[]): string {
  // A 128-bit entry is drawn by its low qword; the high one is in the entry's detail.
  return toHex(raw[0] ?? 0n, 16).slice(2);
}

function stepColumn(result: TranslationResult, step: Step, i: number): ModelColumn {
  const window = result.view.windows[i];
  const faulted = result.translation.kind === 'fault' && result.translation.fault.stepIndex === i;
  const width = step.kind === 'root' || step.kind === 'context' ? 2 : 3;
  const rows = (window?.rows ?? []).map((row) => ({
    index: row.index,
    label: row.index.toString(16).padStart(width, '0'),
    value: rawText(row.raw),
    present: row.present,
    active: row.index === step.index,
  }));
  return {
    id: `step-${i}`,
    kind: step.kind,
    title: t(`tr.table.${step.kind}`),
    subtitle: t('tr.walk.at', { address: toHex(step.tableAddress) }),
    revealAt: i + 1,
    rows,
    note: `${step.name}[${step.index}]: ${entryNote(step)}`,
    faulted,
  };
}

function endColumn(result: TranslationResult): ModelColumn {
  const { translation } = result;
  const revealAt = translation.steps.length;
  const base = { id: 'end', revealAt, rows: [], faulted: false } as const;
  switch (translation.kind) {
    case 'interrupt':
      return { ...base, kind: 'interrupt', title: t('tr.walk.interrupt'), subtitle: '0xfee00000–0xfeefffff', note: t('tr.walk.notRemapped') };
    case 'fault': {
      const reason = translation.fault.reason;
      return { ...base, kind: 'fault', faulted: true, title: t('tr.walk.fault', { spec: faultReasonSpec(reason) }), subtitle: FAULT_REASONS[reason].name, note: FAULT_REASONS[reason].kernel };
    }
    case 'ok':
      if (translation.route === 'translated') {
        return { ...base, kind: 'page', title: t('tr.walk.page', { size: toHex(translation.pageSize) }), subtitle: `HPA ${toHex(translation.hpa)}`, note: t('tr.walk.hostMemory') };
      }
      return {
        ...base,
        kind: 'memory',
        title: t('tr.walk.memory'),
        subtitle: `HPA ${toHex(translation.hpa)}`,
        note: translation.route === 'pass-through' ? t('tr.walk.ptNote') : t('tr.walk.offNote'),
      };
  }
}

/**
 * The walk as boxes to draw, its words in the current language: the device, its remapping unit, each table the engine read (the
 * entry read among its neighbours) and where the request ended. Everything comes from the
 * engine's trace and view; nothing here reads a bit of an entry.
 */
export function buildWalkModel(result: TranslationResult): WalkModel {
  const { translation, request, unit } = result;
  const device: ModelColumn = {
    id: 'device',
    kind: 'device',
    title: t('tr.walk.device', { sourceId: request.sourceId }),
    subtitle: t(`tr.walk.dma.${request.access}`, { iova: request.iova }),
    revealAt: 0,
    rows: [],
    note: t('tr.walk.sourceId'),
    faulted: false,
  };
  const unitColumn: ModelColumn = {
    id: 'unit',
    kind: 'unit',
    title: t('tr.walk.unit', { name: unit.name }),
    subtitle: unit.translationEnabled ? `RTADDR ${toHex(unit.rtaddr)}` : 'GSTS.TES=0',
    revealAt: 0,
    rows: [],
    note: unit.translationEnabled ? t('tr.walk.readsRoot') : t('tr.walk.notEnabled'),
    faulted: false,
  };
  const columns = [device, unitColumn, ...translation.steps.map((step, i) => stepColumn(result, step, i)), endColumn(result)];
  return { columns, stepCount: translation.steps.length };
}

/** The walk in words, for the diagram's text alternative and the live announcement. */
export function describeStep(model: WalkModel, revealed: number): string {
  const shown = model.columns.filter((c) => c.revealAt <= revealed && c.revealAt > 0);
  const last = shown.at(-1);
  if (last === undefined) return t('tr.walk.leaves', { total: model.stepCount });
  return t('tr.walk.step', { n: revealed, total: model.stepCount, title: last.title, subtitle: last.subtitle, note: last.note }) + (last.faulted ? t('tr.walk.faultedHere') : '');
}
