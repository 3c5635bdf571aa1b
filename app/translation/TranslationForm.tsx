import type { FormEvent } from 'react';
import { editRequest, translateRequest } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';
import { DevicePicker } from './DevicePicker.tsx';

const FIELD_LABEL: Readonly<Record<string, string>> = { sourceId: 'Source ID (BDF)', iova: 'DMA address', machine: 'Machine' };

export function TranslationForm() {
  const request = useLabStore((s) => s.request);
  const inputError = useLabStore((s) => s.inputError);
  const ready = useLabStore((s) => s.machine.status === 'ready');
  const vfio = useLabStore((s) => s.setup.mode === 'vfio');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void translateRequest();
  };
  const invalid = (field: string) => inputError?.field === field;
  return (
    <form className="request" onSubmit={onSubmit} aria-label="DMA request">
      <DevicePicker />
      <label>
        Source ID (BDF)
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
        DMA address
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
        <legend>Access</legend>
        {(['read', 'write'] as const).map((access) => (
          <label key={access}>
            <input type="radio" name="access" checked={request.access === access} onChange={() => editRequest({ access })} />
            {access === 'read' ? 'Read' : 'Write'}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={!ready}>
        Translate
      </button>
      <p id="iova-hint" className="hint">
        {vfio ? 'In VFIO the guest programs a guest-physical address (GPA): that is the DMA address.' : 'The address the driver programmed into the device.'}
      </p>
      {inputError !== undefined && (
        <p role="alert" id="request-error" className="input-error">
          {FIELD_LABEL[inputError.field] ?? inputError.field}: {inputError.message}
        </p>
      )}
    </form>
  );
}
