import { AddressSpaces } from './AddressSpaces.tsx';
import { EntryDetail } from './EntryDetail.tsx';
import { IovaBitBar } from './IovaBitBar.tsx';
import { KernelPanel } from './KernelPanel.tsx';
import { MapBuffer } from './MapBuffer.tsx';
import { ModeToggle } from './ModeToggle.tsx';
import { PlaybackControls } from './PlaybackControls.tsx';
import { StepList } from './StepList.tsx';
import { TranslationForm } from './TranslationForm.tsx';
import { TranslationResultPanel } from './TranslationResultPanel.tsx';
import { WalkDiagram } from './WalkDiagram.tsx';

/** The heart of the product: a DMA request from its BDF through every table to memory. */
export function TranslationView() {
  return (
    <div className="translation-view">
      <div className="controls">
        <ModeToggle />
        <TranslationForm />
      </div>
      <div className="top-row">
        <TranslationResultPanel />
        <IovaBitBar />
      </div>
      <WalkDiagram />
      <PlaybackControls />
      <div className="detail-row">
        <EntryDetail />
        <StepList />
      </div>
      <div className="side-row">
        <KernelPanel />
        <div className="stack">
          <MapBuffer />
          <AddressSpaces />
        </div>
      </div>
    </div>
  );
}
