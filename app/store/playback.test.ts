import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLabStore } from './lab-store.ts';
import { pause, play, showAll, showNone, stepBack, stepForward } from './playback.ts';
import type { Translation } from '../../src/vtd/translate.ts';

function givenWalkOf(steps: number) {
  const translation = { kind: 'interrupt', steps: Array.from({ length: steps }) } as unknown as Translation;
  useLabStore.setState({ result: { request: { sourceId: '00:02.0', iova: '0x0', access: 'read' }, translation, view: { windows: [], slices: [] }, unit: { name: 'dmar0', rtaddr: 0n, translationEnabled: true }, faultLog: undefined }, playback: { revealed: steps, playing: false, speed: 2 } });
}
const revealed = () => useLabStore.getState().playback.revealed;

afterEach(() => {
  pause();
  vi.useRealTimers();
});

describe('playback is a number of steps revealed, kept within the walk', () => {
  it('steps, jumps and stops at both ends', () => {
    givenWalkOf(6);
    stepForward();
    expect(revealed()).toBe(6);
    showNone();
    stepBack();
    expect(revealed()).toBe(0);
    stepForward();
    stepForward();
    expect(revealed()).toBe(2);
    showAll();
    expect(revealed()).toBe(6);
  });

  it('plays from the start at its speed and stops at the end', () => {
    vi.useFakeTimers();
    givenWalkOf(3);
    play();
    expect(revealed()).toBe(0);
    vi.advanceTimersByTime(500); // speed 2: a step every 500 ms
    expect(revealed()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(revealed()).toBe(3);
    vi.advanceTimersByTime(500);
    expect(useLabStore.getState().playback.playing).toBe(false);
  });
});
