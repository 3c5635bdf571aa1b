import type { FormEvent } from 'react';
import { editRequest, translateRequest } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';

const FIELD_LABEL: Readonly<Record<string, string>> = { sourceId: 'Source ID (BDF)', iova: 'DMA address', machine: 'Machine' };

export function TranslationForm() {
  const request = useLabStore((s) => s.request);
  const inputError = useLabStore((s) => s.inputError);
  const ready = useLabStore((s) => s.machine.status === 'ready');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void translateRequest();
  };
  const invalid = (field: string) => inputError?.field === field;
  return (
    <form className="request" onSubmit={onSubmit} aria-label="DMA request">
      <label>
        Source ID (BDF)
        <input
          value={request.sourceId}
          onChange={(e) => editRequest({ sourceId: e.target.value })}
          aria-invalid={invalid('sourceId')}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label>
        DMA address
        <input
          value={request.iova}
          onChange={(e) => editRequest({ iova: e.target.value })}
          aria-invalid={invalid('iova')}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <fieldset className="access">
        <legend>Access</legend>
        {(['read', 'write'] as const).map((access) => (
          <label key={access}>
            <input type="radio" name="access" checked={request.access === access} onChange={() => editRequest({ access })} />
            {access === 'read' ? 'Read' : 'Write'}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={!ready}>Translate</button>
      {inputError !== undefined && (
        <p role="alert" className="input-error">
          {FIELD_LABEL[inputError.field] ?? inputError.field}: {inputError.message}
        </p>
      )}
    </form>
  );
}
