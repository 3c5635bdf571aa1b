import { Suspense, useEffect } from 'react';
import { HelpDialog } from './HelpDialog.tsx';
import { LessonLinks } from './LessonLinks.tsx';
import { useLanguage, useT } from './i18n/i18n.ts';
import { LanguageSelect } from './i18n/LanguageSelect.tsx';
import { onShortcut } from './keyboard.ts';
import { restoreFromUrl, setHelpOpen, start, togglePresenter } from './store/actions.ts';
import { useLabStore } from './store/lab-store.ts';
import { hrefFor, openView, useViewStore, viewFromUrl } from './store/view.ts';
import { VIEWS } from './views.tsx';

export function App() {
  const engineError = useLabStore((s) => s.engineError);
  const stateError = useLabStore((s) => s.stateError);
  const machineError = useLabStore((s) => s.machine.error);
  const presenter = useLabStore((s) => s.presenter);
  const view = useViewStore((s) => s.view);
  const Current = (VIEWS.find((v) => v.id === view) ?? VIEWS[0])?.component;
  const t = useT();
  const language = useLanguage();
  useEffect(() => {
    void start();
    const onPop = () => {
      useViewStore.setState({ view: viewFromUrl(window.location.search) });
      void restoreFromUrl();
    };
    window.addEventListener('popstate', onPop);
    window.addEventListener('keydown', onShortcut);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('keydown', onShortcut);
    };
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>IOMMU Lab</h1>
        <p className="tagline">{t('shell.tagline')}</p>
        <nav aria-label={t('shell.views')} className="views">
          {VIEWS.map((v) => (
            <a
              key={v.id}
              href={hrefFor(v.id)}
              aria-current={v.id === view ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                openView(v.id);
              }}
            >
              {t(v.labelKey)}
            </a>
          ))}
        </nav>
        <div className="header-actions">
          <LanguageSelect />
          <button type="button" className="quiet" aria-pressed={presenter} onClick={togglePresenter} aria-keyshortcuts="p">
            {t('shell.presenter')}
          </button>
          <button type="button" className="quiet" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            {t('shell.shortcuts')}
          </button>
        </div>
      </header>
      {view !== 'lessons' && <LessonLinks />}
      {engineError !== undefined && (
        <p role="alert" className="engine-error">
          {t('shell.engineFailed', { error: engineError })}
        </p>
      )}
      {machineError !== undefined && (
        <p role="alert" className="engine-error">
          {t('shell.machineFailed', { error: machineError })}
        </p>
      )}
      {stateError !== undefined && (
        <p role="alert" className="state-error">
          {stateError}
        </p>
      )}
      <main>
        <Suspense fallback={<p>{t('shell.loading')}</p>}>{Current !== undefined && <Current />}</Suspense>
      </main>
      <HelpDialog />
    </div>
  );
}
