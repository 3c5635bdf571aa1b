import { useState } from 'react';
import type { CallPath } from '../../src/linux/call-path.ts';
import { useLabStore } from '../store/lab-store.ts';

/** What the kernel did for this mode: one dma_map_page() as Linux 4.x and current Linux do it, and the boot log. */
export function KernelPanel() {
  const scenario = useLabStore((s) => s.machine.scenario);
  const [which, setWhich] = useState<'legacy' | 'current' | undefined>(undefined);
  if (scenario === undefined) return null;
  const shown = which ?? scenario.callPath.applies;
  const path: CallPath = scenario.callPath[shown];
  return (
    <section className="kernel" aria-labelledby="kernel-heading">
      <h2 id="kernel-heading">What the kernel did</h2>
      <p>
        Kernel {scenario.kernel}, device <code>{scenario.device.bdf}</code> ({scenario.device.name}): <strong>{scenario.translation}</strong>.
        Parameters: <code>{scenario.kernelParameters.join(' ') || '(none)'}</code>
      </p>
      <div role="group" aria-label="Call path version" className="segmented">
        {(['legacy', 'current'] as const).map((version) => (
          <button key={version} type="button" aria-pressed={shown === version} onClick={() => setWhich(version)}>
            {scenario.callPath[version].kernel}
          </button>
        ))}
      </div>
      <h3>One dma_map_page(), {path.kernel}</h3>
      <ol className="call-path">
        {path.frames.map((frame, i) => (
          <li key={`${frame.function}-${i}`} className={frame.side}>
            <code className="fn">{frame.function}()</code> <span className="file">{frame.file}</span>
            {frame.side === 'guest' && <span className="badge">guest</span>}
            <div className="does">{frame.does}</div>
          </li>
        ))}
      </ol>
      <h3>Boot messages</h3>
      <pre className="dmesg boot-log" tabIndex={0} aria-label="Boot messages">{scenario.bootLog.join('\n')}</pre>
      {scenario.notes.length > 0 && (
        <ul className="notes">
          {scenario.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
