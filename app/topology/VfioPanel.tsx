import { useId } from 'react';
import { functionName, shortAddress } from './names.ts';
import { bindDriver, chooseVfioDevice, setVfioRules } from './topology-actions.ts';
import { useTopologyStore } from './topology-store.ts';

const RULES = [
  { id: 'dma-ownership', label: 'Linux ≥ 5.19 (DMA ownership)' },
  { id: 'vfio-dev-viable', label: 'Linux ≤ 5.18 (vfio_dev_viable)' },
] as const;

/** Pick a device to hand to a VM: every function of its group must leave DMA to VFIO first. */
export function VfioPanel() {
  const report = useTopologyStore((s) => s.report);
  const vfio = useTopologyStore((s) => s.vfio);
  const answer = useTopologyStore((s) => s.vfioAnswer);
  const overridden = useTopologyStore((s) => s.edits.drivers);
  const deviceId = useId();
  const byAddress = new Map(report?.functions.map((f) => [f.address, f]) ?? []);
  const endpoints = report?.functions.filter((f) => !f.bridge) ?? [];
  return (
    <section className="vfio" aria-labelledby="vfio-heading">
      <h2 id="vfio-heading">VFIO viability</h2>
      <form className="request" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={deviceId}>
          Device to pass through
          <select id={deviceId} value={vfio.device} onChange={(event) => void chooseVfioDevice(event.target.value)}>
            {endpoints.map((f) => <option key={f.address} value={f.address}>{shortAddress(f.address)} {functionName(f)}</option>)}
          </select>
        </label>
        <fieldset className="access">
          <legend>Kernel rules</legend>
          {RULES.map((r) => (
            <label key={r.id}>
              <input type="radio" name="vfio-rules" checked={vfio.rules === r.id} onChange={() => void setVfioRules(r.id)} />
              {r.label}
            </label>
          ))}
        </fieldset>
      </form>
      {answer !== undefined && (
        <>
          <p className={`outcome ${answer.viable ? 'ok' : 'fault'}`}>
            {answer.viable
              ? `Group ${answer.group} is viable: QEMU can open it and assign ${answer.device}${answer.members.length > 1 ? ` (with the ${answer.members.length - 1} other function${answer.members.length === 2 ? '' : 's'} of its group left to VFIO)` : ''}.`
              : `Group ${answer.group} is not viable: every function in it must be bound to vfio-pci (or left without a DMA-using driver) first.`}
          </p>
          <table className="mappings vfio-members">
            <caption>Functions of group {answer.group}</caption>
            <thead>
              <tr>
                <th scope="col">Function</th>
                <th scope="col">Driver</th>
                <th scope="col">Verdict</th>
                <th scope="col">Why</th>
                <th scope="col"><span className="visually-hidden">Bind</span></th>
              </tr>
            </thead>
            <tbody>
              {answer.members.map((m) => {
                const f = byAddress.get(m.address);
                return (
                  <tr key={m.address} className={m.ok ? undefined : 'blocking'}>
                    <th scope="row"><code>{shortAddress(m.address)}</code> {f === undefined ? '' : functionName(f)}</th>
                    <td>{m.driver ?? 'none'}</td>
                    <td>{m.ok ? '✓ ok' : '✗ blocks'}</td>
                    <td>{m.reason}</td>
                    <td>
                      {m.address in overridden ? (
                        <button type="button" className="quiet small" onClick={() => void bindDriver(m.address, undefined)}>Restore driver of {shortAddress(m.address)}</button>
                      ) : !m.ok ? (
                        <button type="button" className="quiet small" onClick={() => void bindDriver(m.address, 'vfio-pci')}>Bind {shortAddress(m.address)} to vfio-pci</button>
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
              <pre className="dmesg" aria-label="QEMU's message">{answer.message.join('\n')}</pre>
            </>
          )}
          {!answer.viable && (
            <p className="hint">
              On the host: <code>driverctl set-override ADDRESS vfio-pci</code> for each blocking function, or
              <code> echo ADDRESS &gt; /sys/bus/pci/devices/ADDRESS/driver/unbind</code> then bind it to vfio-pci.
            </p>
          )}
        </>
      )}
    </section>
  );
}
