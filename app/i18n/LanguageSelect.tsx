import { LANGUAGE_NAMES, LANGUAGES, type Language } from './catalogues.ts';
import { setLanguage, useLanguage, useT } from './i18n.ts';

/** The language switch: a labelled <select> whose label names itself in both languages. */
export function LanguageSelect() {
  const t = useT();
  const language = useLanguage();
  return (
    <label className="language-select">
      {t('language.label')}{' '}
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
