import { Fragment } from 'react';

/** Catalogue text with `backticks` around kernel names, parameters and fields: those are shown as code, as the kernel spells them. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}
