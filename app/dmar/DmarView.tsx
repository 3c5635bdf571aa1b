import { useEffect, useState, type DragEvent } from 'react';
import { useT } from '../i18n/i18n.ts';
import { loadDmarFile, startDmarView, useDmarStore } from './dmar-actions.ts';
import type { DmarState } from './dmar-store.ts';
import { HeaderPanel } from './HeaderPanel.tsx';
import { HexView } from './HexView.tsx';
import { LintPanel } from './LintPanel.tsx';
import { LoadControls } from './LoadControls.tsx';
import { LoadStatus } from './LoadStatus.tsx';
import { OwnershipPanel } from './OwnershipPanel.tsx';
import { RmrrPanel } from './RmrrPanel.tsx';
import { StructureList } from './StructureList.tsx';
import { UnitsPanel } from './UnitsPanel.tsx';
import './dmar.css';

const selectShownLoad = (s: DmarState) => s.shown?.load;

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

/**
 * The DMAR explorer: load a machine's ACPI DMAR table (file, drop, paste or sample), read it
 * structure by structure beside its bytes, and see what the firmware got wrong, who owns which
 * device and what the RMRRs pin. Everything shown comes from the engine's worker.
 */
export function DmarView() {
  const t = useT();
  const load = useDmarStore(selectShownLoad);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    void startDmarView();
  }, []);
  return (
    <section
      aria-labelledby="dmar-heading"
      className={`dmar-view${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file !== undefined) void loadDmarFile(file);
      }}
    >
      <h2 id="dmar-heading">{t('dmar.heading')}</h2>
      <p className="dmar-intro">{t('dmar.intro')}</p>
      <LoadControls />
      <LoadStatus />
      {dragging && (
        <p className="drop-hint" aria-hidden="true">
          {t('dmar.dropHint')}
        </p>
      )}
      {load !== undefined && (
        <>
          <div className="dmar-main">
            <div className="dmar-tree">
              <HeaderPanel />
              <StructureList />
            </div>
            <HexView />
          </div>
          <LintPanel />
          <div className="dmar-explain">
            <OwnershipPanel />
            <RmrrPanel />
          </div>
          <UnitsPanel />
        </>
      )}
    </section>
  );
}
