import { askOwner, editOwnerDevice, useDmarStore } from './dmar-actions.ts';
import type { DmarState } from './dmar-store.ts';

const selectOwners = (s: DmarState) => s.shown?.load.analysis.owners;
const selectQuery = (s: DmarState) => s.ownerQuery;

/** Which DRHD owns a device, as Linux dmar_find_matched_drhd_unit() decides; for any BDF and for each device a scope names. */
export function OwnershipPanel() {
  const owners = useDmarStore(selectOwners) ?? [];
  const query = useDmarStore(selectQuery);
  const invalid = query.status === 'invalid';
  return (
    <section aria-labelledby="dmar-owner-heading" className="dmar-owner-panel">
      <h3 id="dmar-owner-heading">Device ownership</h3>
      <p className="hint">
        The remapping unit that translates a device&apos;s DMA, as Linux <code>dmar_find_matched_drhd_unit()</code> decides: a unit whose scope names the device or a bridge above it, else
        the segment&apos;s INCLUDE_PCI_ALL unit.
      </p>
      <form
        className="dmar-inline owner-form"
        onSubmit={(event) => {
          event.preventDefault();
          void askOwner();
        }}
      >
        <label htmlFor="dmar-owner-device">Device (BDF)</label>
        <input
          id="dmar-owner-device"
          className="mono"
          value={query.device}
          placeholder="00:1f.3"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'dmar-owner-error' : undefined}
          onChange={(event) => editOwnerDevice(event.currentTarget.value)}
        />
        <button type="submit">Find owner</button>
      </form>
      {invalid && (
        <p role="alert" id="dmar-owner-error" className="dmar-alert inline">
          Device (BDF): {query.error}
        </p>
      )}
      <div role="status" className="owner-answer">
        {query.answer !== undefined && (
          <>
            <p>
              <strong className="mono">{query.answer.device}</strong> →{' '}
              {query.answer.owner === undefined ? <strong>no remapping unit</strong> : <strong>{query.answer.owner}</strong>}
              {query.answer.registerBaseAddress !== undefined && <span className="mono"> (registers at {query.answer.registerBaseAddress})</span>}: {query.answer.reason}.
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
          <caption>Devices the table&apos;s scopes name</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Named by</th>
              <th scope="col">Owner</th>
              <th scope="col">Why</th>
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
        <p>No scope names a PCI device: every device of a segment goes to its INCLUDE_PCI_ALL unit, if there is one.</p>
      )}
    </section>
  );
}
