import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { askOwner, editOwnerDevice, useDmarStore } from './dmar-actions.ts';
import type { DmarState } from './dmar-store.ts';

const selectOwners = (s: DmarState) => s.shown?.load.analysis.owners;
const selectQuery = (s: DmarState) => s.ownerQuery;

/** Which DRHD owns a device, as Linux dmar_find_matched_drhd_unit() decides; for any BDF and for each device a scope names. */
export function OwnershipPanel() {
  const t = useT();
  const owners = useDmarStore(selectOwners) ?? [];
  const query = useDmarStore(selectQuery);
  const invalid = query.status === 'invalid';
  return (
    <section aria-labelledby="dmar-owner-heading" className="dmar-owner-panel">
      <h3 id="dmar-owner-heading">{t('dmar.owner.heading')}</h3>
      <p className="hint">
        <RichText text={t('dmar.owner.hint')} />
      </p>
      <form
        className="dmar-inline owner-form"
        onSubmit={(event) => {
          event.preventDefault();
          void askOwner();
        }}
      >
        <label htmlFor="dmar-owner-device">{t('dmar.owner.device')}</label>
        <input
          id="dmar-owner-device"
          className="mono"
          value={query.device}
          placeholder="00:1f.3"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'dmar-owner-error' : undefined}
          onChange={(event) => editOwnerDevice(event.currentTarget.value)}
        />
        <button type="submit">{t('dmar.owner.find')}</button>
      </form>
      {invalid && (
        <p role="alert" id="dmar-owner-error" className="dmar-alert inline">
          {t('dmar.owner.device')}: {query.error}
        </p>
      )}
      <div role="status" className="owner-answer">
        {query.answer !== undefined && (
          <>
            <p>
              <RichText
                text={t('dmar.owner.answer')}
                values={{
                  device: <strong className="mono">{query.answer.device}</strong>,
                  owner: <strong>{query.answer.owner ?? t('dmar.owner.noUnit')}</strong>,
                  registers: query.answer.registerBaseAddress === undefined ? '' : <span className="mono">{t('dmar.owner.registers', { address: query.answer.registerBaseAddress })}</span>,
                  reason: query.answer.reason,
                }}
              />
            </p>
            {query.answer.caveats.length > 0 && (
              <ul>
                {query.answer.caveats.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {owners.length > 0 ? (
        <table className="dmar-table">
          <caption>{t('dmar.owner.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dmar.owner.col.device')}</th>
              <th scope="col">{t('dmar.owner.col.namedBy')}</th>
              <th scope="col">{t('dmar.owner.col.owner')}</th>
              <th scope="col">{t('dmar.owner.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {owners.map((o) => (
              <tr key={`${o.namedBy}-${o.scopeOffset}`}>
                <th scope="row" className="mono">
                  {o.device}
                </th>
                <td>
                  {o.namedBy} ({o.scopeType})
                </td>
                <td>{o.owner ?? '—'}</td>
                <td>{o.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('dmar.owner.noScopes')}</p>
      )}
    </section>
  );
}
