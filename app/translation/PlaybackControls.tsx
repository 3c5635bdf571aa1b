import { useT } from '../i18n/i18n.ts';
import { useLabStore } from '../store/lab-store.ts';
import { setSpeed, showAll, showNone, stepBack, stepForward, togglePlay } from '../store/playback.ts';

const SPEEDS = [0.5, 1, 1.5, 3] as const;

export function PlaybackControls() {
  const t = useT();
  const { revealed, playing, speed } = useLabStore((s) => s.playback);
  const count = useLabStore((s) => s.result?.translation.steps.length ?? 0);
  return (
    <div className="playback" role="toolbar" aria-label={t('tr.play.toolbar')}>
      <button type="button" onClick={showNone} disabled={revealed === 0} aria-keyshortcuts="Home">
        {t('tr.play.start')}
      </button>
      <button type="button" onClick={stepBack} disabled={revealed === 0} aria-keyshortcuts="ArrowLeft">
        {t('tr.play.back')}
      </button>
      <button type="button" onClick={togglePlay} disabled={count === 0} aria-keyshortcuts="Space">
        {playing ? t('tr.play.pause') : t('tr.play.play')}
      </button>
      <button type="button" onClick={stepForward} disabled={revealed >= count} aria-keyshortcuts="ArrowRight">
        {t('tr.play.forward')}
      </button>
      <button type="button" onClick={showAll} disabled={revealed >= count} aria-keyshortcuts="End">
        {t('tr.play.end')}
      </button>
      <label className="speed">
        {t('tr.play.speed')}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('tr.play.rate', { s })}
            </option>
          ))}
        </select>
      </label>
      <span className="position" aria-live="off">
        {t('tr.play.position', { n: revealed, total: count })}
      </span>
    </div>
  );
}
