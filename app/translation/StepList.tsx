import { toHex } from '../../src/hex.ts';
import type { Step } from '../../src/vtd/trace.ts';
import { useLabStore } from '../store/lab-store.ts';

function rawText(step: Step): string {
  return step.kind === 'root' || step.kind === 'context' ? `${toHex(step.raw[1], 16)}:${toHex(step.raw[0], 16).slice(2)}` : toHex(step.raw, 16);
}

export function StepList() {
  const steps = useLabStore((s) => s.result?.translation.steps);
  return (
    <section className="steps" aria-labelledby="steps-heading">
      <h2 id="steps-heading">Entries read</h2>
      {steps !== undefined && steps.length === 0 && <p>No entry is read.</p>}
      <ol aria-label="Translation steps">
        {steps?.map((step) => (
          <li key={`${step.kind}-${step.entryAddress}`}>
            <strong>{step.name}</strong> at <code>{toHex(step.entryAddress)}</code> = <code>{rawText(step)}</code>
            <span className="index"> (index {step.index}, {step.indexedBy.source} bits {step.indexedBy.hi}:{step.indexedBy.lo})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
