import { useState } from 'react';
import type { CallPath } from '../../src/linux/call-path.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { useLabStore } from '../store/lab-store.ts';

/** What the kernel did for this mode: one dma_map_page() as Linux 4.x and current Linux do it, and the boot log. */
export function KernelPanel() {
  const t = useT();
  const scenario = useLabStore((s) => s.machine.scenario);
  const [which, setWhich] = useState<'legacy' | 'current' | undefined>(undefined);
  if (scenario === undefined) return null;
  const shown = which ?? scenario.callPath.applies;
  const path: CallPath = scenario.callPath[shown];
  return (
    <section className="kernel" aria-labelledby="kernel-heading">
      <h2 id="kernel-heading">{t('tr.kernel.heading')}</h2>
      <p>
        <RichText
          text={t('tr.kernel.summary', { bdf: scenario.device.bdf })}
          values={{ kernel: scenario.kernel, name: scenario.device.name, translation: <strong>{scenario.translation}</strong>, parameters: <code>{scenario.kernelParameters.join(' ') || t('tr.kernel.none')}</code> }}
        />
      </p>
      <div role="group" aria-label={t('tr.kernel.version')} className="segmented">
        {(['legacy', 'current'] as const).map((version) => (
          <button key={version} type="button" aria-pressed={shown === version} onClick={() => setWhich(version)}>
            {scenario.callPath[version].kernel}
          </button>
        ))}
      </div>
      <h3>{t('tr.kernel.oneMap', { kernel: path.kernel })}</h3>
      <ol className="call-path">
        {path.frames.map((frame, i) => (
          <li key={`${frame.function}-${i}`} className={frame.side}>
            <code className="fn">{frame.function}()</code> <span className="file">{frame.file}</span>
            {frame.side === 'guest' && <span className="badge">{t('tr.kernel.guest')}</span>}
            <div className="does">{frame.does}</div>
          </li>
        ))}
      </ol>
      <h3>{t('tr.kernel.boot')}</h3>
      <pre className="dmesg boot-log" tabIndex={0} aria-label={t('tr.kernel.boot')}>{scenario.bootLog.join('\n')}</pre>
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
