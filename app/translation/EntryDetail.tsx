import { useState } from 'react';
import type { Field } from '../../src/bits.ts';
import { toHex } from '../../src/hex.ts';
import type { Step } from '../../src/vtd/trace.ts';
import { useLabStore } from '../store/lab-store.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { KIND_COLOUR } from './palette.ts';
import { entryNote } from './walk-model.ts';

const selectDetailIndex = (s: { selectedStep: number | undefined; playback: { revealed: number } }): number => s.selectedStep ?? s.playback.revealed - 1;

/** The entry a step read, every field with its bit range and value, and its bits one by one. */
export function EntryDetail() {
  const t = useT();
  const index = useLabStore(selectDetailIndex);
  const result = useLabStore((s) => s.result);
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const step = result?.translation.steps[index];
  if (result === undefined || step === undefined) {
    return (
      <section className="entry-detail" aria-labelledby="entry-heading">
        <h2 id="entry-heading">{t('tr.entry')}</h2>
        <p>{result?.translation.steps.length === 0 ? t('tr.entry.none') : t('tr.entry.stepFirst')}</p>
      </section>
    );
  }
  const { translation } = result;
  const faultBits = translation.kind === 'fault' && translation.fault.stepIndex === index && translation.fault.reason !== 0x4 ? translation.fault.bits : [];
  const width = step.kind === 'root' || step.kind === 'context' ? 128 : 64;
  const raw = rawOf(step);
  const bitText = raw.toString(2).padStart(width, '0');
  const fieldAt = (bit: number): Field | undefined => step.fields.find((f) => bit >= f.lo && bit <= f.hi);
  const key = (f: Field) => `${f.name}-${f.hi}`;
  return (
    <section className="entry-detail" aria-labelledby="entry-heading">
      <h2 id="entry-heading">
        <RichText text={t('tr.entry.heading', { name: step.name })} values={{ address: <code>{toHex(step.entryAddress)}</code> }} />
      </h2>
      <p>
        <RichText text={t('tr.entry.raw', { note: entryNote(step) })} values={{ raw: <code className="raw">{toHex(raw, width / 4)}</code> }} />
        {faultBits.length > 0 && <strong className="fault-text">{t(faultBits.length > 1 ? 'tr.entry.faultedBits' : 'tr.entry.faultedBit', { bits: faultBits.join(', ') })}</strong>}
      </p>
      <div className="bitstrip" aria-hidden="true">
        {Array.from({ length: width / 64 }, (_, line) => (
          <div className="bitline" key={line}>
            {Array.from({ length: 64 }, (_, i) => {
              const bit = (width / 64 - 1 - line) * 64 + (63 - i);
              const field = fieldAt(bit);
              const lit = field !== undefined && hovered === key(field);
              return (
                <span
                  key={bit}
                  className={`bit${lit ? ' lit' : ''}${faultBits.includes(bit) ? ' culprit' : ''}${field !== undefined && field.lo === bit ? ' edge' : ''}`}
                  title={field ? t('tr.entry.bitOf', { bit, field: field.name }) : t('tr.entry.bit', { bit })}
                  style={{ borderBottomColor: lit ? KIND_COLOUR[step.kind] : undefined }}
                >
                  {bitText[width - 1 - bit]}
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <table className="fields">
        <caption className="visually-hidden">{t('tr.entry.caption', { name: step.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tr.col.field')}</th>
            <th scope="col">{t('tr.col.bits')}</th>
            <th scope="col">{t('tr.col.value')}</th>
            <th scope="col">{t('tr.col.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {step.fields.map((f) => (
            <tr
              key={key(f)}
              tabIndex={0}
              className={`${hovered === key(f) ? 'lit' : ''}${f.value !== 0n && /^(Reserved)$/.test(f.name) ? ' warn' : ''}`}
              onMouseEnter={() => setHovered(key(f))}
              onMouseLeave={() => setHovered(undefined)}
              onFocus={() => setHovered(key(f))}
              onBlur={() => setHovered(undefined)}
            >
              <th scope="row">{f.name}</th>
              <td>{f.hi === f.lo ? f.hi : `${f.hi}:${f.lo}`}</td>
              <td>
                <code>{f.address ? toHex(addressOf(step, f)) : f.hi - f.lo >= 4 ? toHex(f.value) : f.value.toString()}</code>
              </td>
              <td>{f.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const rawOf = (step: Step): bigint => (step.kind === 'root' || step.kind === 'context' ? (step.raw[1] << 64n) | step.raw[0] : step.raw);

/** An address field shown as the address it holds, from the engine's decoded entry. */
function addressOf(step: Step, field: Field): bigint {
  switch (step.kind) {
    case 'root':
      return step.rootEntry.ctp;
    case 'context':
      return step.contextEntry.slptptr;
    default:
      return field.name === 'ADDR' ? step.slpte.address : field.value;
  }
}
