import { useLabStore } from './lab-store.ts';

const set = useLabStore.setState;
const get = useLabStore.getState;

const stepCount = (): number => get().result?.translation.steps.length ?? 0;

function reveal(revealed: number): void {
  set({ playback: { ...get().playback, revealed: Math.max(0, Math.min(stepCount(), revealed)) }, selectedStep: undefined });
}

export const stepForward = (): void => reveal(get().playback.revealed + 1);
export const stepBack = (): void => reveal(get().playback.revealed - 1);
export const showAll = (): void => {
  pause();
  reveal(stepCount());
};
export const showNone = (): void => {
  pause();
  reveal(0);
};

let timer: ReturnType<typeof setTimeout> | undefined;

/** Plays the walk from its start (or from where it is, if not at the end), a step per tick. */
export function play(): void {
  if (get().playback.revealed >= stepCount()) reveal(0);
  set({ playback: { ...get().playback, playing: true } });
  tick();
}

function tick(): void {
  clearTimeout(timer);
  const { playback } = get();
  if (!playback.playing) return;
  if (playback.revealed >= stepCount()) {
    set({ playback: { ...playback, playing: false } });
    return;
  }
  timer = setTimeout(() => {
    if (!get().playback.playing) return;
    stepForward();
    tick();
  }, 1000 / playback.speed);
}

export function pause(): void {
  clearTimeout(timer);
  set({ playback: { ...get().playback, playing: false } });
}

export const togglePlay = (): void => (get().playback.playing ? pause() : play());

export function setSpeed(speed: number): void {
  set({ playback: { ...get().playback, speed } });
  tick();
}

export const selectStep = (index: number | undefined): void => set({ selectedStep: index });
