import { enLessonsPlatform } from './en/lessons-platform.ts';
import { enLessonsTranslation } from './en/lessons-translation.ts';
import { enUi } from './en/ui.ts';
import { zhLessonsPlatform } from './zh-CN/lessons-platform.ts';
import { zhLessonsTranslation } from './zh-CN/lessons-translation.ts';
import { zhUi } from './zh-CN/ui.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language names, each in its own language, for the switch. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };

const en = { ...enUi, ...enLessonsTranslation, ...enLessonsPlatform };
export type MessageKey = keyof typeof en;

/** Every key of the English catalogue must be here: the compiler checks it, a test checks the placeholders. */
const zhCN: Readonly<Record<MessageKey, string>> = { ...zhUi, ...zhLessonsTranslation, ...zhLessonsPlatform };

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

/** The catalogues' own key lists, as written, for the test that both hold the same keys. */
export const CATALOGUE_KEYS: Readonly<Record<Language, readonly string[]>> = {
  en: Object.keys(en),
  'zh-CN': [...Object.keys(zhUi), ...Object.keys(zhLessonsTranslation), ...Object.keys(zhLessonsPlatform)],
};
