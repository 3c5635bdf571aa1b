import { useLabStore } from '../store/lab-store.ts';
import { setSpeed, showAll, showNone, stepBack, stepForward, togglePlay } from '../store/playback.ts';

const SPEEDS = [0.5, 1, 1.5, 3] as const;

export function PlaybackControls() {
  const { revealed, playing, speed } = useLabStore((s) => s.playback);
  const count = useLabStore((s) => s.result?.translation.steps.length ?? 0);
  return (
    <div className="playback" role="toolbar" aria-label="Walk playback">
      <button type="button" onClick={showNone} disabled={revealed === 0} aria-keyshortcuts="Home">
        |◀ Start
      </button>
      <button type="button" onClick={stepBack} disabled={revealed === 0} aria-keyshortcuts="ArrowLeft">
        ◀ Step back
      </button>
      <button type="button" onClick={togglePlay} disabled={count === 0} aria-keyshortcuts="Space">
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={stepForward} disabled={revealed >= count} aria-keyshortcuts="ArrowRight">
        Step forward ▶
      </button>
      <button type="button" onClick={showAll} disabled={revealed >= count} aria-keyshortcuts="End">
        End ▶|
      </button>
      <label className="speed">
        Speed
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}× ({s} steps/s)
            </option>
          ))}
        </select>
      </label>
      <span className="position" aria-live="off">
        Step {revealed} of {count}
      </span>
    </div>
  );
}
