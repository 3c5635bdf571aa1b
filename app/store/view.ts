import { create } from 'zustand';
import { DEFAULT_VIEW, VIEWS } from '../views.tsx';

/** Which view is open; in the URL as ?view=… (absent for the translation view). */
export const useViewStore = create<{ view: string }>()(() => ({ view: viewFromUrl(window.location.search) }));

export function viewFromUrl(search: string): string {
  const view = new URLSearchParams(search).get('view');
  return view !== null && VIEWS.some((v) => v.id === view) ? view : DEFAULT_VIEW;
}

export function hrefFor(view: string): string {
  const params = new URLSearchParams(window.location.search);
  if (view === DEFAULT_VIEW) params.delete('view');
  else params.set('view', view);
  const search = params.toString();
  return search === '' ? window.location.pathname : `?${search}`;
}

export function openView(view: string): void {
  if (view === useViewStore.getState().view) return;
  window.history.pushState(null, '', hrefFor(view));
  useViewStore.setState({ view });
}
