import { memo } from 'react';
import { hexOffset } from '../../src/acpi/dmar/diagnostics.ts';
import type { FieldNode } from '../../src/acpi/dmar/field-tree.ts';
import { useT } from '../i18n/i18n.ts';
import { blurHighlight, focusHighlight, hover, unhover } from './dmar-actions.ts';
import { useActiveFieldId } from './dmar-store.ts';

/**
 * A group's fields: name, where, raw value and meaning. Focusing or hovering a field's name
 * highlights its bytes in the hex view; a byte under the mouse or focus highlights its row here.
 */
export function FieldTable({ fields, caption }: { fields: readonly FieldNode[]; caption: string }) {
  const t = useT();
  const activeId = useActiveFieldId();
  return (
    <table className="dmar-fields">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dmar.col.field')}</th>
          <th scope="col">{t('dmar.col.offset')}</th>
          <th scope="col">{t('dmar.col.value')}</th>
          <th scope="col">{t('dmar.col.meaning')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <FieldRow key={field.id} field={field} active={field.id === activeId} />
        ))}
      </tbody>
    </table>
  );
}

const FieldRow = memo(function FieldRow({ field, active }: { field: FieldNode; active: boolean }) {
  const highlight = { kind: 'field', id: field.id } as const;
  return (
    <tr className={active ? 'active' : undefined} aria-current={active ? 'true' : undefined} onMouseEnter={() => hover(highlight)} onMouseLeave={() => unhover(highlight)}>
      <th scope="row">
        <button
          type="button"
          className="field-name"
          data-field-id={field.id}
          onFocus={() => focusHighlight(highlight)}
          onBlur={() => blurHighlight(highlight)}
        >
          {field.name}
        </button>
      </th>
      <td className="mono">
        {hexOffset(field.offset)}
        <span className="field-size"> ·{field.length}</span>
      </td>
      <td className={`mono field-value${field.value.length > 18 ? ' long' : ''}`}>{field.value}</td>
      <td className="field-meaning">{field.meaning}</td>
    </tr>
  );
});
