import { toHex } from '../../src/hex.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { useLabStore } from '../store/lab-store.ts';
import { selectStep } from '../store/playback.ts';

/** One item per entry the engine read, naming it; focus or hover shows its fields in the detail panel. */
export function StepList() {
  const t = useT();
  const result = useLabStore((s) => s.result);
  const revealed = useLabStore((s) => s.playback.revealed);
  const steps = result?.translation.steps;
  const faultAt = result?.translation.kind === 'fault' ? result.translation.fault.stepIndex : -1;
  return (
    <section className="steps" aria-labelledby="steps-heading">
      <h2 id="steps-heading">{t('tr.steps.heading')}</h2>
      {steps !== undefined && steps.length === 0 && <p>{result?.translation.kind === 'interrupt' ? t('tr.steps.noneInterrupt') : t('tr.steps.noneDirect')}</p>}
      <ol aria-label={t('tr.steps.list')}>
        {steps?.map((step, i) => (
          <li key={`${i}-${step.kind}`} className={`${i >= revealed ? 'ahead' : ''}${i === faultAt ? ' faulted' : ''}`}>
            <button type="button" className="step-button" onMouseEnter={() => selectStep(i)} onFocus={() => selectStep(i)} onClick={() => selectStep(i)}>
              <RichText text={t('tr.steps.item', { index: step.index })} values={{ name: <strong>{step.name}</strong>, address: <code>{toHex(step.entryAddress)}</code> }} />
              {i === faultAt && <span className="fault-text">{t('tr.steps.faultedHere')}</span>}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
