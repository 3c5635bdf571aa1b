import { useEffect } from 'react';
import { loadSampleMachine, translateRequest } from './store/actions.ts';
import { TranslationForm } from './translation/TranslationForm.tsx';
import { TranslationResultPanel } from './translation/TranslationResultPanel.tsx';
import { StepList } from './translation/StepList.tsx';
import { useLabStore } from './store/lab-store.ts';

export function App() {
  const engineError = useLabStore((s) => s.engineError);
  useEffect(() => {
    void loadSampleMachine().then(translateRequest);
  }, []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>IOMMU Lab</h1>
        <p className="tagline">Intel VT-d DMA remapping, one entry at a time</p>
      </header>
      {engineError !== undefined && (
        <p role="alert" className="engine-error">The engine failed: {engineError}. Your inputs are kept; try again.</p>
      )}
      <main className="translation-view">
        <TranslationForm />
        <TranslationResultPanel />
        <StepList />
      </main>
    </div>
  );
}
