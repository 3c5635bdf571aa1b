import { useId, type ChangeEvent } from 'react';
import { SAMPLE_TOPOLOGIES } from '../../src/pci/topology/topology-source.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { chooseTopology, importLspci, setDraft } from './topology-actions.ts';
import { useTopologyStore, type MachineChoice } from './topology-store.ts';

const CHOICES: readonly MachineChoice[] = ['server', 'desktop', 'imported'];

/** Which machine: a sample, or the user's own `lspci -vvv` text (pasted or from a file). */
export function MachinePicker() {
  const t = useT();
  const labelOf = (id: MachineChoice): string => (id === 'imported' ? t('topo.machine.imported') : SAMPLE_TOPOLOGIES[id].label);
  const machine = useTopologyStore((s) => s.machine);
  const imported = useTopologyStore((s) => s.imported);
  const draft = useTopologyStore((s) => s.draft);
  const importError = useTopologyStore((s) => s.importError);
  const report = useTopologyStore((s) => s.report);
  const loading = useTopologyStore((s) => s.loading);
  const textId = useId();
  const fileId = useId();
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file !== undefined) await importLspci(await file.text(), file.name);
    event.target.value = '';
  };
  const notes = machine === 'imported' ? report?.diagnostics ?? [] : [];
  return (
    <section className="machine-picker" aria-labelledby="machine-heading">
      <h2 id="machine-heading">{t('topo.machine')}</h2>
      <div className="mode-radios" role="radiogroup" aria-label={t('topo.machine')}>
        {CHOICES.map((id) => ({ id, label: labelOf(id) })).map((c) => (
          <label key={c.id} className={machine === c.id ? 'checked' : undefined}>
            <input
              type="radio"
              name="topology-machine"
              checked={machine === c.id}
              disabled={c.id === 'imported' && imported === undefined}
              onChange={() => void chooseTopology(c.id)}
            />
            {c.label}
            {c.id === 'imported' && imported !== undefined && <span className="muted"> — {imported.name}</span>}
          </label>
        ))}
        {loading && <span className="muted" aria-live="polite">{t('topo.computing')}</span>}
      </div>
      <details className="import">
        <summary>
          <RichText text={t('topo.import.summary')} values={{ cmd: <code>sudo lspci -vvv</code>, alt: <code>-vvvnn</code> }} />
        </summary>
        <form
          className="import-form"
          onSubmit={(event) => {
            event.preventDefault();
            void importLspci(draft);
          }}
        >
          <label htmlFor={textId}>{t('topo.import.label')}</label>
          <textarea
            id={textId}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            rows={8}
            spellCheck={false}
            aria-invalid={importError !== undefined}
            aria-describedby={importError === undefined ? undefined : `${textId}-error`}
          />
          <div className="import-actions">
            <button type="submit">{t('topo.import.submit')}</button>
            <label htmlFor={fileId} className="file-label">{t('topo.import.file')}</label>
            <input id={fileId} type="file" accept=".txt,text/plain" onChange={(event) => void onFile(event)} />
          </div>
          {importError !== undefined && (
            <p role="alert" id={`${textId}-error`} className="input-error">
              {t('topo.import.refused', { error: importError })}
            </p>
          )}
        </form>
      </details>
      {notes.length > 0 && (
        <details className="import-notes">
          <summary>{notes.length === 1 ? t('topo.import.noteOne') : t('topo.import.notes', { n: notes.length })}</summary>
          <ul aria-label={t('topo.import.notesList')}>
            {notes.map((d, i) => (
              <li key={i} className={d.severity}>
                <strong>{d.severity}</strong> {d.line !== undefined && d.line > 0 ? t('topo.import.line', { n: d.line }) : ''}{d.message.replace(/^line \d+: /, '')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
