import { toHex } from '../../src/hex.ts';
import { useDmarStore, type DmarState } from './dmar-store.ts';

const selectUnits = (s: DmarState) => s.shown?.load.analysis.units;

const sizeText = (bytes: number): string => (bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : `${bytes / 1024} KiB`);

/** Each DRHD as a remapping unit of the simulated machine: where its registers are, what it covers. */
export function UnitsPanel() {
  const units = useDmarStore(selectUnits) ?? [];
  return (
    <section aria-labelledby="dmar-units-heading" className="dmar-units-panel">
      <h3 id="dmar-units-heading">Remapping units</h3>
      <p className="hint">
        One unit per DRHD. The table says where a unit&apos;s registers are and what it covers, not what it can do: CAP and ECAP below are the simulated machine&apos;s defaults for it.
      </p>
      {units.length === 0 ? (
        <p>No DRHD, so no remapping unit: Linux enables no DMA remapping.</p>
      ) : (
        <table className="dmar-table">
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Registers</th>
              <th scope="col">Covers</th>
              <th scope="col">Default CAP</th>
              <th scope="col">Default ECAP</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.drhdOffset}>
                <th scope="row">{u.label}</th>
                <td className="mono">
                  {toHex(u.registerBaseAddress)} ({sizeText(u.registerSetBytes)})
                  {u.proximityDomain !== undefined && <span className="unit-numa"> NUMA domain {u.proximityDomain}</span>}
                </td>
                <td>{u.includePciAll ? `segment ${u.segment}: every device no other unit names (INCLUDE_PCI_ALL)` : `segment ${u.segment}: ${u.deviceScopes.length} scope${u.deviceScopes.length === 1 ? '' : 's'}`}</td>
                <td className="mono">{u.capSummary}</td>
                <td className="mono">{u.ecapSummary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
