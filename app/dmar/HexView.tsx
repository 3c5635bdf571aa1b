import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { hexOffset } from '../../src/acpi/dmar/diagnostics.ts';
import type { HexRow } from '../../src/acpi/dmar/explorer.ts';
import type { FieldTree } from '../../src/acpi/dmar/field-tree.ts';
import { t as translate, useT } from '../i18n/i18n.ts';
import { blurHighlight, focusHighlight, hover, unhover } from './dmar-actions.ts';
import { activeRange, useDmarStore, useHighlight, type DmarState, type Highlight } from './dmar-store.ts';
import { structureKinds } from './structure-kinds.ts';

const selectRows = (s: DmarState) => s.shown?.load.analysis.hexRows;
const selectTree = (s: DmarState) => s.shown?.load.analysis.tree;
const selectFocused = (s: DmarState) => s.focused;

const COLUMNS = Array.from({ length: 16 }, (_, i) => i.toString(16));

/** The highlight a byte stands for: its field, or the byte alone when no field covers it. */
function byteHighlight(tree: FieldTree, offset: number): Highlight {
  const id = tree.byteField[offset] ?? -1;
  return id >= 0 ? { kind: 'field', id } : { kind: 'range', offset, length: 1, label: translate('dmar.hex.noField', { offset: hexOffset(offset) }) };
}

/**
 * The table's bytes, 16 a row, as a grid: one tab stop, arrows move a byte cursor. The highlighted
 * field's bytes are the selected cells; the status line says which field they are.
 */
export function HexView() {
  const t = useT();
  const rows = useDmarStore(selectRows) ?? [];
  const tree = useDmarStore(selectTree);
  const focused = useDmarStore(selectFocused);
  const range = activeRange(tree, useHighlight());
  const [cursor, setCursor] = useState(0);
  const grid = useRef<HTMLDivElement>(null);
  const size = tree?.byteField.length ?? 0;
  const start = range?.offset ?? -1;
  const end = range === undefined ? -1 : range.offset + range.length;
  const kinds = tree === undefined ? undefined : structureKinds(tree);
  // The one tab stop: the cursor, kept inside the table when a shorter one is loaded.
  const tabStop = Math.max(0, Math.min(cursor, size - 1));

  // A field focused in the tree brings its bytes into the hex view's scroll area.
  useEffect(() => {
    if (focused === undefined || tree === undefined || grid.current === null || grid.current.contains(document.activeElement)) return;
    const target = activeRange(tree, focused);
    if (target === undefined) return;
    grid.current.querySelector(`[data-offset="${target.offset}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focused, tree]);

  const moveTo = (offset: number) => {
    const next = Math.max(0, Math.min(size - 1, offset));
    setCursor(next);
    const cell = grid.current?.querySelector<HTMLElement>(`[data-offset="${next}"]`);
    cell?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -16, ArrowDown: 16, PageUp: -256, PageDown: 256 };
    const by = step[event.key];
    if (by !== undefined) moveTo(tabStop + by);
    else if (event.key === 'Home') moveTo(event.ctrlKey ? 0 : tabStop - (tabStop % 16));
    else if (event.key === 'End') moveTo(event.ctrlKey ? size - 1 : tabStop - (tabStop % 16) + 15);
    else return;
    event.preventDefault();
  };
  const offsetOf = (target: EventTarget): number | undefined => {
    const value = target instanceof HTMLElement ? target.dataset['offset'] : undefined;
    return value === undefined ? undefined : Number(value);
  };
  const hovered = useRef<Highlight | undefined>(undefined);
  const focusedHere = useRef<Highlight | undefined>(undefined);

  return (
    <section aria-labelledby="dmar-bytes-heading" className="dmar-hex-panel">
      <div className="dmar-panel-head">
        <h3 id="dmar-bytes-heading">{t('dmar.hex.heading')}</h3>
        <span className="hint">{t('dmar.hex.hint', { size })}</span>
      </div>
      <p className="hex-status" aria-live="polite" id="dmar-hex-status">
        {range === undefined ? (
          t('dmar.hex.idle')
        ) : (
          <>
            <span className="mono">
              {hexOffset(range.offset)}
              {range.length > 1 ? `–${hexOffset(range.offset + range.length - 1)}` : ''}
            </span>{' '}
            <strong>{range.label}</strong>
            {range.field !== undefined && <span className="mono"> = {range.field.value}</span>}
          </>
        )}
      </p>
      <div className="hex-scroll">
        <div
          ref={grid}
          role="grid"
          aria-label={t('dmar.hex.heading')}
          aria-readonly="true"
          aria-describedby="dmar-hex-status"
          className="hex-grid"
          onKeyDown={onKeyDown}
          onMouseOver={(event) => {
            const offset = offsetOf(event.target);
            if (offset === undefined || tree === undefined) return;
            hovered.current = byteHighlight(tree, offset);
            hover(hovered.current);
          }}
          onMouseLeave={() => {
            if (hovered.current !== undefined) unhover(hovered.current);
            hovered.current = undefined;
          }}
          onFocus={(event) => {
            const offset = offsetOf(event.target);
            if (offset === undefined || tree === undefined) return;
            setCursor(offset);
            focusedHere.current = byteHighlight(tree, offset);
            focusHighlight(focusedHere.current);
          }}
          onBlur={() => {
            if (focusedHere.current !== undefined) blurHighlight(focusedHere.current);
            focusedHere.current = undefined;
          }}
        >
          <div role="row" className="hex-row hex-head">
            <span role="columnheader" className="hex-offset">
              {t('dmar.hex.offset')}
            </span>
            {COLUMNS.map((c) => (
              <span role="columnheader" key={c} className="hex-cell">
                {c}
              </span>
            ))}
            <span className="hex-text" aria-hidden="true">
              {t('dmar.hex.text')}
            </span>
          </div>
          {rows.map((row) => {
            const rowEnd = row.offset + 16;
            const selected = start < rowEnd && end > row.offset;
            return (
              <HexRowView
                key={row.offset}
                row={row}
                selStart={selected ? Math.max(start, row.offset) : -1}
                selEnd={selected ? Math.min(end, rowEnd) : -1}
                cursor={tabStop >= row.offset && tabStop < rowEnd ? tabStop : -1}
                kinds={kinds?.slice(row.offset, rowEnd).join('|') ?? ''}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

interface RowProps {
  readonly row: HexRow;
  readonly selStart: number;
  readonly selEnd: number;
  readonly cursor: number;
  /** The structure kind of each byte, '|'-separated (a string so memo compares it cheaply). */
  readonly kinds: string;
}

const HexRowView = memo(function HexRowView({ row, selStart, selEnd, cursor, kinds }: RowProps) {
  const kindOf = kinds.split('|');
  return (
    <div role="row" className="hex-row">
      <span role="rowheader" className="hex-offset">
        {row.offset.toString(16).padStart(4, '0')}
      </span>
      {row.cells.map((text, i) => {
        const offset = row.offset + i;
        const selected = offset >= selStart && offset < selEnd;
        return (
          <span
            key={offset}
            role="gridcell"
            aria-selected={selected}
            data-offset={offset}
            tabIndex={offset === cursor ? 0 : -1}
            className={`hex-cell kind-${kindOf[i] ?? 'none'}${selected ? ' selected' : ''}${selected && offset === selStart ? ' sel-first' : ''}${selected && offset === selEnd - 1 ? ' sel-last' : ''}`}
          >
            {text}
          </span>
        );
      })}
      <span className="hex-text" aria-hidden="true">
        {row.text}
      </span>
    </div>
  );
});
