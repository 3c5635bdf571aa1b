import type { MessageKey } from '../i18n/catalogues.ts';

/** A lesson's title in the catalogues. */
export const lessonTitleKey = (id: string): MessageKey => `lesson.${id}.title` as MessageKey;
