import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from './i18n/i18n.ts';
import { TranslationView } from './translation/TranslationView.tsx';

export interface ViewEntry {
  readonly id: string;
  /** The link's text in the "Views" navigation, from the catalogue. */
  readonly labelKey: MessageKey;
  readonly component: ComponentType | LazyExoticComponent<ComponentType>;
}

/**
 * The app's views, in navigation order. The translation view loads with the page; the others are
 * split into their own chunks (React.lazy), so the first result is on screen sooner.
 */
export const VIEWS: readonly ViewEntry[] = [
  { id: 'translation', labelKey: 'shell.view.translation', component: TranslationView },
  { id: 'groups', labelKey: 'shell.view.groups', component: lazy(() => import('./topology/TopologyView.tsx').then((m) => ({ default: m.TopologyView }))) },
  { id: 'dmar', labelKey: 'shell.view.dmar', component: lazy(() => import('./dmar/DmarView.tsx').then((m) => ({ default: m.DmarView }))) },
  { id: 'lessons', labelKey: 'shell.view.lessons', component: lazy(() => import('./lessons/LessonsView.tsx').then((m) => ({ default: m.LessonsView }))) },
];

export const DEFAULT_VIEW = 'translation';
