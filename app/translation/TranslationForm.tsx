import type { FormEvent } from 'react';
import { editRequest, translateRequest } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';
import { useT, type MessageKey } from '../i18n/i18n.ts';
import { DevicePicker } from './DevicePicker.tsx';

const FIELD_LABEL: Readonly<Record<string, MessageKey>> = { sourceId: 'tr.sourceId', iova: 'tr.iova', machine: 'tr.machine' };

export function TranslationForm() {
  const t = useT();
  const request = useLabStore((s) => s.request);
  const inputError = useLabStore((s) => s.inputError);
  const ready = useLabStore((s) => s.machine.status === 'ready');
  const vfio = useLabStore((s) => s.setup.mode === 'vfio');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void translateRequest();
  };
  const fieldLabel = (field: string): string => {
    const key = FIELD_LABEL[field];
    return key === undefined ? field : t(key);
  };
  const invalid = (field: string) => inputError?.field === field;
  return (
    <form className="request" onSubmit={onSubmit} aria-label={t('tr.form')}>
      <DevicePicker />
      <label>
        {t('tr.sourceId')}
        <input
          value={request.sourceId}
          onChange={(e) => editRequest({ sourceId: e.target.value })}
          aria-invalid={invalid('sourceId')}
          aria-describedby={invalid('sourceId') ? 'request-error' : undefined}
          spellCheck={false}
          autoComplete="off"
          size={10}
        />
      </label>
      <label>
        {t('tr.iova')}
        <input
          value={request.iova}
          onChange={(e) => editRequest({ iova: e.target.value })}
          aria-invalid={invalid('iova')}
          aria-describedby={invalid('iova') ? 'request-error' : 'iova-hint'}
          spellCheck={false}
          autoComplete="off"
          size={20}
        />
      </label>
      <fieldset className="access">
        <legend>{t('tr.access')}</legend>
        {(['read', 'write'] as const).map((access) => (
          <label key={access}>
            <input type="radio" name="access" checked={request.access === access} onChange={() => editRequest({ access })} />
            {t(`tr.access.${access}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={!ready}>
        {t('tr.translate')}
      </button>
      <p id="iova-hint" className="hint">
        {vfio ? t('tr.iovaHint.vfio') : t('tr.iovaHint')}
      </p>
      {inputError !== undefined && (
        <p role="alert" id="request-error" className="input-error">
          {t('tr.fieldError', { field: fieldLabel(inputError.field), message: inputError.message })}
        </p>
      )}
    </form>
  );
}
