import { toHex } from '../../src/hex.ts';
import { useLabStore } from '../store/lab-store.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { KIND_COLOUR } from './palette.ts';

/** The DMA address cut into the bits that index each level and the offset kept in the page. */
export function IovaBitBar() {
  const t = useT();
  const slices = useLabStore((s) => s.result?.view.slices);
  const iova = useLabStore((s) => s.result?.request.iova);
  if (slices === undefined || slices.length === 0) return null;
  const total = slices.reduce((n, s) => n + s.hi - s.lo + 1, 0);
  return (
    <figure className="bitbar" aria-labelledby="bitbar-caption">
      <figcaption id="bitbar-caption">
        <RichText text={t('tr.bits.caption')} values={{ iova: <code>{iova}</code> }} />
      </figcaption>
      <ol className="slices">
        {slices.map((slice) => (
          <li
            key={slice.kind}
            style={{ flexGrow: slice.hi - slice.lo + 1, flexBasis: `${((slice.hi - slice.lo + 1) / total) * 100}%`, borderColor: KIND_COLOUR[slice.kind], color: KIND_COLOUR[slice.kind] }}
          >
            <span className="slice-name">{t(`tr.slice.${slice.kind}`)}</span>
            <span className="slice-bits">
              {t('tr.bits.range', { hi: slice.hi, lo: slice.lo })}
            </span>
            <code className="slice-value">{slice.kind === 'offset' ? toHex(slice.value) : `${slice.value} (${toHex(slice.value)})`}</code>
          </li>
        ))}
      </ol>
    </figure>
  );
}
