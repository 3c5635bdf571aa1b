import { toHex } from '../../src/hex.ts';
import { useLabStore } from '../store/lab-store.ts';
import { selectStep } from '../store/playback.ts';

/** One item per entry the engine read, naming it; focus or hover shows its fields in the detail panel. */
export function StepList() {
  const result = useLabStore((s) => s.result);
  const revealed = useLabStore((s) => s.playback.revealed);
  const steps = result?.translation.steps;
  const faultAt = result?.translation.kind === 'fault' ? result.translation.fault.stepIndex : -1;
  return (
    <section className="steps" aria-labelledby="steps-heading">
      <h2 id="steps-heading">Entries read</h2>
      {steps !== undefined && steps.length === 0 && <p>No entry is read: {result?.translation.kind === 'interrupt' ? 'an interrupt message is not remapped.' : 'the DMA address goes to memory as it is.'}</p>}
      <ol aria-label="Translation steps">
        {steps?.map((step, i) => (
          <li key={`${i}-${step.kind}`} className={`${i >= revealed ? 'ahead' : ''}${i === faultAt ? ' faulted' : ''}`}>
            <button type="button" className="step-button" onMouseEnter={() => selectStep(i)} onFocus={() => selectStep(i)} onClick={() => selectStep(i)}>
              <strong>{step.name}</strong> [{step.index}] at <code>{toHex(step.entryAddress)}</code>
              {i === faultAt && <span className="fault-text"> ✗ faulted here</span>}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
