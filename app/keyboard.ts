import type { ScenarioMode } from '../src/linux/scenario.ts';
import { chooseSetup, setHelpOpen, togglePresenter } from './store/actions.ts';
import { useLabStore } from './store/lab-store.ts';
import { useViewStore } from './store/view.ts';
import { showAll, showNone, stepBack, stepForward, togglePlay } from './store/playback.ts';

const MODE_KEYS: Readonly<Record<string, ScenarioMode>> = { '1': 'disabled', '2': 'pt', '3': 'dma', '4': 'vfio' };

/**
 * Page-wide shortcuts for driving a projector from the keyboard. Keys typed into a field, and
 * keys a focused control already uses (Space on a button, arrows in a radio group), are left alone.
 */
export function onShortcut(event: KeyboardEvent): void {
  if (event.altKey || event.ctrlKey || event.metaKey || useLabStore.getState().helpOpen) return;
  if (event.key === 'p' || event.key === '?') {
    // Page-wide keys, in every view.
  } else if (useViewStore.getState().view !== 'translation') return;
  const target = event.target instanceof Element ? event.target : null;
  const inside = (selector: string): boolean => target?.closest(selector) != null;
  if (inside('textarea, select, [contenteditable="true"], input:not([type="radio"]):not([type="checkbox"])')) return;
  // Arrows move within a radio group; Space presses the focused control.
  if (event.key.startsWith('Arrow') && inside('input[type="radio"], [role="radio"]')) return;
  const onControl = inside('button, a, summary, input');
  const mode = MODE_KEYS[event.key];
  const action =
    event.key === 'ArrowRight' ? stepForward
    : event.key === 'ArrowLeft' ? stepBack
    : event.key === ' ' && !onControl ? togglePlay
    : event.key === 'Home' ? showNone
    : event.key === 'End' ? showAll
    : event.key === 'p' ? togglePresenter
    : event.key === '?' ? () => setHelpOpen(true)
    : mode !== undefined ? () => void chooseSetup({ mode })
    : undefined;
  if (action === undefined) return;
  event.preventDefault();
  action();
}
