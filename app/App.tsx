import { Suspense, useEffect } from 'react';
import { HelpDialog } from './HelpDialog.tsx';
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
  return (
    <div className="app">
      <header className="app-header">
        <h1>IOMMU Lab</h1>
        <p className="tagline">Intel VT-d DMA remapping, one entry at a time</p>
        <nav aria-label="Views" className="views">
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
              {v.label}
            </a>
          ))}
        </nav>
        <div className="header-actions">
          <button type="button" className="quiet" aria-pressed={presenter} onClick={togglePresenter} aria-keyshortcuts="p">
            Presenter mode
          </button>
          <button type="button" className="quiet" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            Keyboard shortcuts
          </button>
        </div>
      </header>
      {engineError !== undefined && (
        <p role="alert" className="engine-error">
          The engine failed: {engineError}. Your inputs are kept; try again.
        </p>
      )}
      {machineError !== undefined && (
        <p role="alert" className="engine-error">
          The machine could not be set up: {machineError}
        </p>
      )}
      {stateError !== undefined && (
        <p role="alert" className="state-error">
          {stateError}
        </p>
      )}
      <main>
        <Suspense fallback={<p>Loading…</p>}>{Current !== undefined && <Current />}</Suspense>
      </main>
      <HelpDialog />
    </div>
  );
}
