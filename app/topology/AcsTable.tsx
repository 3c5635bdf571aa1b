import { ACS, ACS_BITS, ACS_LSPCI_NAME } from '../../src/pci/topology/topology.ts';
import { functionName, REQUIRED_BITS, setpciCommand, shortAddress, shownCtl } from './names.ts';
import { resetAcs, setAcsRedirect, toggleAcsBit } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/**
 * ACS Control of every function that has the capability, one checkbox a bit. A change is what
 * `setpci` would write to ECAP_ACS+0x6; the engine regroups at once. Bits the port's ACSCap lacks
 * are hard-wired to 0 and shown disabled.
 */
export function AcsTable() {
  const report = useTopologyStore((s) => s.report);
  const edited = useTopologyStore((s) => s.edits.acsCtl);
  const ports = report?.functions.filter((f) => typeof f.acs === 'object') ?? [];
  const hasDownstream = ports.some((f) => f.portType === 'downstream-port');
  return (
    <section className="acs-table" aria-labelledby="acs-heading">
      <h2 id="acs-heading">ACS control</h2>
      <p className="hint">
        Linux groups a device alone only if every port above it has <strong>SV RR CR UF</strong> on (REQ_ACS_FLAGS). Ticking a box is
        a write to the port's ACS Control register; the groups are recomputed from it. (Linux forms groups once, at boot: on a running
        machine such a write changes what the hardware does, not the groups it shows.)
      </p>
      <div className="acs-actions">
        {hasDownstream && (
          <>
            <button type="button" className="quiet" onClick={() => void setAcsRedirect(false)}>ACS redirect off on switch ports</button>
            <button type="button" className="quiet" onClick={() => void setAcsRedirect(true)}>ACS redirect on on switch ports</button>
          </>
        )}
        <button type="button" className="quiet" onClick={() => void resetAcs()} disabled={Object.keys(edited).length === 0}>Reset ACS to as booted</button>
      </div>
      {ports.length === 0 ? (
        <p>No function in this topology shows an ACS capability{report?.functions.some((f) => f.acs === 'unknown') ? ' (some capabilities are missing from the dump: run lspci as root)' : ''}.</p>
      ) : (
        <div className="table-scroll">
          <table className="acs">
            <caption className="visually-hidden">ACS Control bits by function</caption>
            <thead>
              <tr>
                <th scope="col">Function and the equivalent setpci command</th>
                {ACS_BITS.map((b) => (
                  <th scope="col" key={b} title={ACS_LSPCI_NAME[b]} className={REQUIRED_BITS.includes(b) ? 'required' : undefined}>
                    {b}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ports.map((f) => {
                const acs = f.acs as { cap: number; ctl: number };
                const isEdited = f.address in edited;
                const ctl = shownCtl(f, edited);
                return (
                  <tr key={f.address} className={isEdited ? 'edited' : undefined}>
                    <th scope="row">
                      <code>{shortAddress(f.address)}</code> <span className="port-name">{functionName(f)}</span> <span className="group-tag">group {f.group}</span>
                      <br />
                      <code className={isEdited ? 'command' : 'command muted'}>{setpciCommand(f.address, ctl)}</code>
                    </th>
                    {ACS_BITS.map((b) => {
                      const capable = (acs.cap & ACS[b]) !== 0;
                      return (
                        <td key={b}>
                          <input
                            type="checkbox"
                            checked={(ctl & ACS[b]) !== 0}
                            disabled={!capable}
                            onChange={() => void toggleAcsBit(f.address, b)}
                            aria-label={`${ACS_LSPCI_NAME[b]} (${b}) on ${f.address}${capable ? '' : ', not in ACSCap'}`}
                          />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
