import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { TranslationView } from './translation/TranslationView.tsx';

export interface ViewEntry {
  readonly id: string;
  /** The link's text in the "Views" navigation. */
  readonly label: string;
  readonly component: ComponentType | LazyExoticComponent<ComponentType>;
}

/**
 * The app's views, in navigation order. The translation view loads with the page; the others are
 * split into their own chunks (React.lazy), so the first result is on screen sooner.
 */
export const VIEWS: readonly ViewEntry[] = [
  { id: 'translation', label: 'Translation', component: TranslationView },
  { id: 'groups', label: 'IOMMU groups', component: lazy(() => import('./topology/TopologyView.tsx').then((m) => ({ default: m.TopologyView }))) },
  { id: 'dmar', label: 'DMAR table', component: lazy(() => import('./dmar/DmarView.tsx').then((m) => ({ default: m.DmarView }))) },
  { id: 'lessons', label: 'Lessons', component: lazy(() => import('./lessons/LessonsView.tsx').then((m) => ({ default: m.LessonsView }))) },
];

export const DEFAULT_VIEW = 'translation';
