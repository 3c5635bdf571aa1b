import { useState, type FormEvent } from 'react';
import { toHex } from '../../src/hex.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { mapBuffer } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';

/** A driver's dma_map_page() of a buffer the user names: the IOVA Linux hands out, walked at once. */
export function MapBuffer() {
  const t = useT();
  const mode = useLabStore((s) => s.setup.mode);
  const device = useLabStore((s) => s.machine.scenario?.device);
  const last = useLabStore((s) => s.lastMapping);
  const error = useLabStore((s) => s.mapError);
  const [phys, setPhys] = useState('0x200000abc');
  const [size, setSize] = useState('0x2000');
  if (mode === 'vfio' || device === undefined) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void mapBuffer(phys, size);
  };
  return (
    <section className="map-buffer" aria-labelledby="map-heading">
      <h2 id="map-heading">{t('tr.map.heading')}</h2>
      <p>
        <RichText text={t('tr.map.intro', { bdf: device.bdf, bits: device.dmaMaskBits })} values={{ name: device.name }} />
      </p>
      <form onSubmit={onSubmit} className="inline-form">
        <label>
          {t('tr.map.address')}
          <input value={phys} onChange={(e) => setPhys(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={error?.field === 'address'} />
        </label>
        <label>
          {t('tr.map.size')}
          <input value={size} onChange={(e) => setSize(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={error?.field === 'size'} />
        </label>
        <button type="submit">{t('tr.map.submit')}</button>
      </form>
      {error !== undefined && (
        <p role="alert" className="input-error">
          {error.message}
        </p>
      )}
      {last !== undefined && error === undefined && (
        <p role="status">
          <RichText
            text={t('tr.map.returned', { hpa: toHex(last.hpa), size: toHex(last.size), bounce: last.bounce === undefined ? '' : t('tr.map.bounced', { hpa: toHex(last.hpa) }) })}
            values={{ iova: <strong>{toHex(last.iova)}</strong> }}
          />
        </p>
      )}
    </section>
  );
}
