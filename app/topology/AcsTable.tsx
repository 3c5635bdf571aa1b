import { ACS, ACS_BITS, ACS_LSPCI_NAME } from '../../src/pci/topology/topology.ts';
import { functionName, REQUIRED_BITS, setpciCommand, shortAddress, shownCtl } from './names.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { resetAcs, setAcsRedirect, toggleAcsBit } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

/**
 * ACS Control of every function that has the capability, one checkbox a bit. A change is what
 * `setpci` would write to ECAP_ACS+0x6; the engine regroups at once. Bits the port's ACSCap lacks
 * are hard-wired to 0 and shown disabled.
 */
export function AcsTable() {
  const t = useT();
  const report = useTopologyStore((s) => s.report);
  const edited = useTopologyStore((s) => s.edits.acsCtl);
  const ports = report?.functions.filter((f) => typeof f.acs === 'object') ?? [];
  const hasDownstream = ports.some((f) => f.portType === 'downstream-port');
  return (
    <section className="acs-table" aria-labelledby="acs-heading">
      <h2 id="acs-heading">{t('topo.acs.heading')}</h2>
      <p className="hint">
        <RichText text={t('topo.acs.hint')} values={{ bits: <strong>SV RR CR UF</strong> }} />
      </p>
      <div className="acs-actions">
        {hasDownstream && (
          <>
            <button type="button" className="quiet" onClick={() => void setAcsRedirect(false)}>{t('topo.acs.redirectOff')}</button>
            <button type="button" className="quiet" onClick={() => void setAcsRedirect(true)}>{t('topo.acs.redirectOn')}</button>
          </>
        )}
        <button type="button" className="quiet" onClick={() => void resetAcs()} disabled={Object.keys(edited).length === 0}>{t('topo.acs.reset')}</button>
      </div>
      {ports.length === 0 ? (
        <p>{report?.functions.some((f) => f.acs === 'unknown') ? t('topo.acs.noneMissing') : t('topo.acs.noneShown')}</p>
      ) : (
        <div className="table-scroll">
          <table className="acs">
            <caption className="visually-hidden">{t('topo.acs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('topo.acs.colFunction')}</th>
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
                      <code>{shortAddress(f.address)}</code> <span className="port-name">{functionName(f)}</span> <span className="group-tag">{t('topo.tree.group', { n: f.group })}</span>
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
                            aria-label={t(capable ? 'topo.acs.bit' : 'topo.acs.bitNotCapable', { name: ACS_LSPCI_NAME[b], bit: b, address: f.address })}
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
