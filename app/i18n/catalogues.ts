import { enDmar } from './en/dmar.ts';
import { enLessonsPlatform } from './en/lessons-platform.ts';
import { enLessonsTranslation } from './en/lessons-translation.ts';
import { enShell } from './en/shell.ts';
import { enTopology } from './en/topology.ts';
import { enTranslation } from './en/translation.ts';
import { enUi } from './en/ui.ts';
import { zhDmar } from './zh-CN/dmar.ts';
import { zhLessonsPlatform } from './zh-CN/lessons-platform.ts';
import { zhLessonsTranslation } from './zh-CN/lessons-translation.ts';
import { zhShell } from './zh-CN/shell.ts';
import { zhTopology } from './zh-CN/topology.ts';
import { zhTranslation } from './zh-CN/translation.ts';
import { zhUi } from './zh-CN/ui.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language names, each in its own language, for the switch. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };

const enParts = [enShell, enTranslation, enDmar, enTopology, enUi, enLessonsTranslation, enLessonsPlatform] as const;
const zhParts = [zhShell, zhTranslation, zhDmar, zhTopology, zhUi, zhLessonsTranslation, zhLessonsPlatform] as const;

const en = { ...enShell, ...enTranslation, ...enDmar, ...enTopology, ...enUi, ...enLessonsTranslation, ...enLessonsPlatform };
export type MessageKey = keyof typeof en;

/** Every key of the English catalogue must be here: the compiler checks it, a test checks the placeholders. */
const zhCN: Readonly<Record<MessageKey, string>> = { ...zhShell, ...zhTranslation, ...zhDmar, ...zhTopology, ...zhUi, ...zhLessonsTranslation, ...zhLessonsPlatform };

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

/** The catalogues' own key lists, as written (a key in two files shows twice), for the test that both hold the same keys. */
export const CATALOGUE_KEYS: Readonly<Record<Language, readonly string[]>> = {
  en: enParts.flatMap((part) => Object.keys(part)),
  'zh-CN': zhParts.flatMap((part) => Object.keys(part)),
};
