import { useId } from 'react';
import { functionName, shortAddress } from './names.ts';
import { useT } from '../i18n/i18n.ts';
import { RichText } from '../i18n/RichText.tsx';
import { bindDriver, chooseVfioDevice, setVfioRules } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

const RULES = ['dma-ownership', 'vfio-dev-viable'] as const;

/** Pick a device to hand to a VM: every function of its group must leave DMA to VFIO first. */
export function VfioPanel() {
  const t = useT();
  const report = useTopologyStore((s) => s.report);
  const vfio = useTopologyStore((s) => s.vfio);
  const answer = useTopologyStore((s) => s.vfioAnswer);
  const overridden = useTopologyStore((s) => s.edits.drivers);
  const deviceId = useId();
  const byAddress = new Map(report?.functions.map((f) => [f.address, f]) ?? []);
  const endpoints = report?.functions.filter((f) => !f.bridge) ?? [];
  return (
    <section className="vfio" aria-labelledby="vfio-heading">
      <h2 id="vfio-heading">{t('topo.vfio.heading')}</h2>
      <form className="request" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={deviceId}>
          {t('topo.vfio.device')}
          <select id={deviceId} value={vfio.device} onChange={(event) => void chooseVfioDevice(event.target.value)}>
            {endpoints.map((f) => <option key={f.address} value={f.address}>{shortAddress(f.address)} {functionName(f)}</option>)}
          </select>
        </label>
        <fieldset className="access">
          <legend>{t('topo.vfio.rules')}</legend>
          {RULES.map((id) => (
            <label key={id}>
              <input type="radio" name="vfio-rules" checked={vfio.rules === id} onChange={() => void setVfioRules(id)} />
              {t(`topo.vfio.rules.${id}`)}
            </label>
          ))}
        </fieldset>
      </form>
      {answer !== undefined && (
        <>
          <p className={`outcome ${answer.viable ? 'ok' : 'fault'}`}>
            {answer.viable
              ? answer.members.length <= 1
                ? t('topo.vfio.viable', { group: answer.group, device: answer.device })
                : answer.members.length === 2
                  ? t('topo.vfio.viableWithOne', { group: answer.group, device: answer.device })
                  : t('topo.vfio.viableWithMany', { group: answer.group, device: answer.device, n: answer.members.length - 1 })
              : t('topo.vfio.notViable', { group: answer.group })}
          </p>
          <table className="mappings vfio-members">
            <caption>{t('topo.vfio.caption', { group: answer.group })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('topo.vfio.col.function')}</th>
                <th scope="col">{t('topo.vfio.col.driver')}</th>
                <th scope="col">{t('topo.vfio.col.verdict')}</th>
                <th scope="col">{t('topo.vfio.col.why')}</th>
                <th scope="col"><span className="visually-hidden">{t('topo.vfio.col.bind')}</span></th>
              </tr>
            </thead>
            <tbody>
              {answer.members.map((m) => {
                const f = byAddress.get(m.address);
                return (
                  <tr key={m.address} className={m.ok ? undefined : 'blocking'}>
                    <th scope="row"><code>{shortAddress(m.address)}</code> {f === undefined ? '' : functionName(f)}</th>
                    <td>{m.driver ?? t('topo.fn.none')}</td>
                    <td>{m.ok ? t('topo.vfio.ok') : t('topo.vfio.blocks')}</td>
                    <td>{m.reason}</td>
                    <td>
                      {m.address in overridden ? (
                        <button type="button" className="quiet small" onClick={() => void bindDriver(m.address, undefined)}>{t('topo.vfio.restore', { address: shortAddress(m.address) })}</button>
                      ) : !m.ok ? (
                        <button type="button" className="quiet small" onClick={() => void bindDriver(m.address, 'vfio-pci')}>{t('topo.vfio.bind', { address: shortAddress(m.address) })}</button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {answer.message.length > 0 && (
            <>
              <p className="log-caption">QEMU (-device vfio-pci,host={shortAddress(answer.device)})</p>
              <pre className="dmesg" aria-label={t('topo.vfio.qemuMessage')}>{answer.message.join('\n')}</pre>
            </>
          )}
          {!answer.viable && (
            <p className="hint">
              <RichText text={t('topo.vfio.hint')} />
            </p>
          )}
        </>
      )}
    </section>
  );
}
