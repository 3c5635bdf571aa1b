import { useCallback } from 'react';
import { create } from 'zustand';
import { CATALOGUES, LANGUAGES, type Language, type MessageKey } from './catalogues.ts';

export type { Language, MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;

const STORAGE_KEY = 'iommu-lab/language';

const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'en';
  } catch {
    return 'en';
  }
}

/** The interface language, remembered in localStorage across visits. */
export const useLanguageStore = create<{ language: Language }>()(() => ({ language: typeof window === 'undefined' ? 'en' : storedLanguage() }));

export function setLanguage(language: Language): void {
  useLanguageStore.setState({ language });
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

/** A message with its {placeholders} filled; a placeholder without a value stays visible, braces and all. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** t() in the current language, for code outside components (actions, key handlers). */
export const t = (key: MessageKey, params?: MessageParams): string => translate(useLanguageStore.getState().language, key, params);

/** The hook views use: a t() that re-renders the component when the language changes. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const language = useLanguageStore((s) => s.language);
  return useCallback((key: MessageKey, params?: MessageParams) => translate(language, key, params), [language]);
}

export const useLanguage = (): Language => useLanguageStore((s) => s.language);
