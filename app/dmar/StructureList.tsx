import { useState } from 'react';
import type { FieldGroup } from '../../src/acpi/dmar/field-tree.ts';
import { useT } from '../i18n/i18n.ts';
import { activeRange, useDmarStore, useHighlight, type DmarState } from './dmar-store.ts';
import { FieldTable } from './FieldTable.tsx';

const selectStructures = (s: DmarState) => s.shown?.load.analysis.tree.structures;
const NO_STRUCTURES: readonly FieldGroup[] = [];
const NONE_OPEN: ReadonlySet<number> = new Set();
const selectTree = (s: DmarState) => s.shown?.load.analysis.tree;

/** One list item per remapping structure, its text starting with the type; each expands to every field and scope. */
export function StructureList() {
  const t = useT();
  const structures = useDmarStore(selectStructures) ?? NO_STRUCTURES;
  const tree = useDmarStore(selectTree);
  const range = activeRange(tree, useHighlight());
  // Which structures are open, by offset, for this table only: a new table starts all closed.
  const [expansion, setExpansion] = useState<{ readonly of: unknown; readonly open: ReadonlySet<number> }>({ of: undefined, open: new Set() });
  const expanded = expansion.of === structures ? expansion.open : NONE_OPEN;
  const setExpanded = (open: ReadonlySet<number>) => setExpansion({ of: structures, open });
  const toggle = (offset: number) => {
    const next = new Set(expanded);
    if (!next.delete(offset)) next.add(offset);
    setExpanded(next);
  };
  return (
    <section aria-labelledby="dmar-structures-heading" className="dmar-structures-panel">
      <div className="dmar-panel-head">
        <h3 id="dmar-structures-heading">{t('dmar.structures.heading')}</h3>
        <span className="hint">{structures.length === 1 ? t('dmar.structures.one') : t('dmar.structures.many', { n: structures.length })}</span>
        <div className="dmar-inline push">
          <button type="button" className="quiet small" onClick={() => setExpanded(new Set(structures.map((s) => s.offset)))}>
            {t('dmar.structures.expand')}
          </button>
          <button type="button" className="quiet small" onClick={() => setExpanded(new Set())}>
            {t('dmar.structures.collapse')}
          </button>
        </div>
      </div>
      <ul aria-label={t('dmar.structures.heading')} className="dmar-structures">
        {structures.map((group) => {
          const holdsHighlight = range !== undefined && range.length > 0 && range.offset >= group.offset && range.offset < group.offset + Math.max(group.length, 1);
          return <StructureItem key={group.offset} group={group} expanded={expanded.has(group.offset)} holdsHighlight={holdsHighlight} onToggle={() => toggle(group.offset)} />;
        })}
      </ul>
    </section>
  );
}

function StructureItem({ group, expanded, holdsHighlight, onToggle }: { group: FieldGroup; expanded: boolean; holdsHighlight: boolean; onToggle: () => void }) {
  const t = useT();
  const bodyId = `dmar-structure-${group.offset}`;
  return (
    <li className={`dmar-structure kind-${group.kind}${holdsHighlight ? ' holds-highlight' : ''}`}>
      <button type="button" className="structure-toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={onToggle}>
        <span className="type-badge">{group.label}</span> <span className="structure-summary">{group.summary}</span>
        {holdsHighlight && !expanded && <span className="here-badge">{t('dmar.structures.here')}</span>}
      </button>
      {expanded && (
        <div id={bodyId} className="structure-body">
          <FieldTable fields={group.fields} caption={t('dmar.structures.fields', { label: group.label })} />
          {group.children.map((scope) => (
            <div key={scope.offset} className="dmar-scope">
              <h4>
                {group.label} {scope.label}: {scope.summary}
              </h4>
              <FieldTable fields={scope.fields} caption={t('dmar.structures.fields', { label: `${group.label} ${scope.label}` })} />
            </div>
          ))}
        </div>
      )}
    </li>
  );
}
