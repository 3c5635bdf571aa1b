import { useLabStore } from '../store/lab-store.ts';
import { useViewStore } from '../store/view.ts';
import { lessonById } from './lesson-data.ts';
import { driveEngine } from './lesson-driver.ts';
import { useLessonStore } from './lesson-store.ts';
import { placeSearch, readPlace, type LessonPlace } from './lesson-url.ts';

const set = useLessonStore.setState;
const get = useLessonStore.getState;

const place = (): LessonPlace => {
  const { lesson, step, exercise } = get();
  return { lesson, step, level: exercise.level, seed: exercise.seed };
};

/** Puts the lessons' place in the URL (keeping the translation view's parameters) and in this tab's storage. */
export function syncUrl(history: 'push' | 'replace' = 'replace'): void {
  if (useViewStore.getState().view !== 'lessons') return;
  const search = placeSearch(window.location.search, place());
  if (history === 'push' && search !== window.location.search) window.history.pushState(null, '', search);
  else if (search !== window.location.search) window.history.replaceState(null, '', search);
}

let generation = 0;
let queue: Promise<void> = Promise.resolve();

/**
 * Sets the engine to the open step's state. Steps are applied one at a time, in order; a step the
 * learner has already left by the time its turn comes is skipped, so fast clicking ends on the
 * step shown.
 */
export function applyCurrentStep(): Promise<void> {
  const mine = ++generation;
  const stillWanted = () => mine === generation;
  queue = queue.then(async () => {
    if (!stillWanted()) return;
    const step = lessonById(get().lesson)?.steps[get().step];
    if (step === undefined) return;
    set({ status: { kind: 'applying' } });
    let problem: string | undefined;
    try {
      problem = await driveEngine(step.drive, stillWanted);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (!stillWanted()) return;
    set({ status: problem === undefined ? { kind: 'idle' } : { kind: 'failed', message: problem } });
    syncUrl();
  });
  return queue;
}

export function goToStep(step: number): void {
  const lesson = lessonById(get().lesson);
  if (lesson === undefined) return;
  const clamped = Math.max(0, Math.min(lesson.steps.length - 1, step));
  if (clamped === get().step) return;
  set({ step: clamped });
  syncUrl();
  void applyCurrentStep();
}

export const nextStep = (): void => goToStep(get().step + 1);
export const previousStep = (): void => goToStep(get().step - 1);

/** Opens a lesson at its first step (a new history entry, so Back returns to the previous lesson). */
export function openLesson(id: string): void {
  if (lessonById(id) === undefined) return;
  set({ lesson: id, step: 0 });
  syncUrl('push');
  void applyCurrentStep();
}

/** → and ← step the lesson while the lessons view is open; keys typed into a field are left alone. */
function onKey(event: KeyboardEvent): void {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || useLabStore.getState().helpOpen) return;
  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('input, select, textarea, [contenteditable="true"], [role="slider"]')) return;
  event.preventDefault();
  if (event.key === 'ArrowRight') nextStep();
  else previousStep();
}

/** Back/Forward inside the lessons view: the URL's lesson and step (the translation state is restored by the app). */
function onPopState(): void {
  if (useViewStore.getState().view !== 'lessons') return;
  const params = new URLSearchParams(window.location.search);
  if (!params.has('lesson')) return;
  const next = readPlace(window.location.search);
  set({ lesson: next.lesson, step: next.step, exercise: { ...get().exercise, level: next.level, seed: next.seed } });
}

/**
 * The lessons view mounts: listen for keys and history, and set the engine to the open step.
 * (The translation store keeps the lesson's URL parameters when it writes its own.) Returns the
 * clean-up.
 */
export function startLessons(): () => void {
  window.addEventListener('keydown', onKey);
  window.addEventListener('popstate', onPopState);
  syncUrl();
  void applyCurrentStep();
  return () => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('popstate', onPopState);
    generation++;
  };
}
