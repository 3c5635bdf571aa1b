import { KERNEL_RMRR_ATTACH_REFUSED, KERNEL_RMRR_ATTACH_REFUSED_OLD, type PinnedDevice } from '../../src/acpi/dmar/rmrr-explain.ts';
import { t, useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { useDmarStore, type DmarState } from './dmar-store.ts';

const selectRmrrs = (s: DmarState) => s.shown?.load.analysis.rmrrs;

/** The verdict for one pinned device, in the current language (called while rendering). */
function verdict(device: PinnedDevice): { mark: string; text: string; tone: string } {
  if (device.relaxable === true) return { mark: '✓', text: t('dmar.rmrr.relaxable'), tone: 'ok' };
  if (device.relaxable === false) return { mark: '✗', text: t('dmar.rmrr.refused'), tone: 'bad' };
  return { mark: '?', text: t('dmar.rmrr.depends'), tone: 'unknown' };
}

function classText(device: PinnedDevice): string {
  const c = device.deviceClass;
  if (c.kind === 'unknown') return t('dmar.rmrr.classUnknown');
  const words = t(`dmar.rmrr.class.${c.kind}`);
  return c.source === 'intel-convention' ? t('dmar.rmrr.classGuess', { class: words }) : words;
}

/** What each RMRR pins, and what that means for passing the device to a VM. */
export function RmrrPanel() {
  const t = useT();
  const rmrrs = useDmarStore(selectRmrrs) ?? [];
  return (
    <section aria-labelledby="dmar-rmrr-heading" className="dmar-rmrr-panel">
      <h3 id="dmar-rmrr-heading">{t('dmar.rmrr.heading')}</h3>
      <p className="hint">
        <RichText text={t('dmar.rmrr.hint')} values={{ old: <q>{KERNEL_RMRR_ATTACH_REFUSED_OLD}</q>, new: <q>{KERNEL_RMRR_ATTACH_REFUSED}</q> }} />
      </p>
      {rmrrs.length === 0 ? (
        <p>{t('dmar.rmrr.none')}</p>
      ) : (
        <ul className="rmrr-list" aria-label={t('dmar.rmrr.list')}>
          {rmrrs.map((r) => (
            <li key={r.offset}>
              <p className="rmrr-title">
                <RichText text={t('dmar.rmrr.pins', { bytes: r.bytes.toString() })} values={{ rmrr: <strong>{r.rmrr}</strong>, range: <span className="mono">{r.range}</span> }} />
                {r.devices.length === 0 ? t('dmar.rmrr.forNone') : r.devices.length === 1 ? t('dmar.rmrr.forOne') : t('dmar.rmrr.forMany', { n: r.devices.length })}
              </p>
              {r.devices.length > 0 && (
                <ul className="rmrr-devices">
                  {r.devices.map((d, i) => {
                    const v = verdict(d);
                    return (
                      <li key={i}>
                        <RichText
                          text={t('dmar.rmrr.device')}
                          values={{
                            scope: <span className="mono">{d.scope}</span>,
                            class: classText(d),
                            owner: d.owner ?? t('dmar.rmrr.unknownOwner'),
                            verdict: <span className={`verdict ${v.tone}`}>{v.mark} {v.text}</span>,
                          }}
                        />
                        <p className="consequence">{d.consequence}</p>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
