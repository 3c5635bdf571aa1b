import { toHex } from '../../src/hex.ts';
import { useLabStore } from '../store/lab-store.ts';
import { KIND_COLOUR } from './palette.ts';

const SLICE_NAME = { pml5: 'PML5 index', pml4: 'PML4 index', pdpt: 'PDPT index', pd: 'PD index', pt: 'PT index', offset: 'page offset', root: 'bus', context: 'devfn' } as const;

/** The DMA address cut into the bits that index each level and the offset kept in the page. */
export function IovaBitBar() {
  const slices = useLabStore((s) => s.result?.view.slices);
  const iova = useLabStore((s) => s.result?.request.iova);
  if (slices === undefined || slices.length === 0) return null;
  const total = slices.reduce((n, s) => n + s.hi - s.lo + 1, 0);
  return (
    <figure className="bitbar" aria-labelledby="bitbar-caption">
      <figcaption id="bitbar-caption">
        Address bits by level: <code>{iova}</code>
      </figcaption>
      <ol className="slices">
        {slices.map((slice) => (
          <li
            key={slice.kind}
            style={{ flexGrow: slice.hi - slice.lo + 1, flexBasis: `${((slice.hi - slice.lo + 1) / total) * 100}%`, borderColor: KIND_COLOUR[slice.kind], color: KIND_COLOUR[slice.kind] }}
          >
            <span className="slice-name">{SLICE_NAME[slice.kind]}</span>
            <span className="slice-bits">
              bits {slice.hi}:{slice.lo}
            </span>
            <code className="slice-value">{slice.kind === 'offset' ? toHex(slice.value) : `${slice.value} (${toHex(slice.value)})`}</code>
          </li>
        ))}
      </ol>
    </figure>
  );
}
