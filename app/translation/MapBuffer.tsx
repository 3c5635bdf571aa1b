import { useState, type FormEvent } from 'react';
import { toHex } from '../../src/hex.ts';
import { mapBuffer } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';

/** A driver's dma_map_page() of a buffer the user names: the IOVA Linux hands out, walked at once. */
export function MapBuffer() {
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
      <h2 id="map-heading">Map a buffer</h2>
      <p>
        The driver of {device.bdf} ({device.name}, {device.dmaMaskBits}-bit DMA mask) calls <code>dma_map_page()</code> on a buffer in RAM.
      </p>
      <form onSubmit={onSubmit} className="inline-form">
        <label>
          Buffer physical address
          <input value={phys} onChange={(e) => setPhys(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={error?.startsWith('Buffer address') ?? false} />
        </label>
        <label>
          Buffer size
          <input value={size} onChange={(e) => setSize(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={error?.startsWith('Buffer size') ?? false} />
        </label>
        <button type="submit">Map buffer</button>
      </form>
      {error !== undefined && (
        <p role="alert" className="input-error">
          {error}
        </p>
      )}
      {last !== undefined && error === undefined && (
        <p role="status">
          <code>dma_map_page()</code> returned <strong>{toHex(last.iova)}</strong> for HPA {toHex(last.hpa)} ({toHex(last.size)} bytes)
          {last.bounce !== undefined && `, bounced through the swiotlb slot at ${toHex(last.hpa)}`}; the walk below reads its new entries.
        </p>
      )}
    </section>
  );
}
