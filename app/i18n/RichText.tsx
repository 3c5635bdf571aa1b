import { Fragment, type ReactNode } from 'react';

/**
 * Catalogue text as React nodes: `backticks` around kernel names, parameters and fields show as
 * code, as the kernel spells them; a {placeholder} left in the text (one t() was not given) is
 * replaced by the node of the same name in `values` (a <strong>, a <code>…).
 */
export function RichText({ text, values = {} }: { text: string; values?: Readonly<Record<string, ReactNode>> }) {
  const fill = (segment: string): ReactNode[] =>
    segment.split(/\{(\w+)\}/).map((part, i) => {
      if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
      return <Fragment key={i}>{part in values ? values[part] : `{${part}}`}</Fragment>;
    });
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{fill(part)}</code> : <Fragment key={i}>{fill(part)}</Fragment>))}
    </>
  );
}
