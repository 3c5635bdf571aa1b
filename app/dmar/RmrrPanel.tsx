import { KERNEL_RMRR_ATTACH_REFUSED, KERNEL_RMRR_ATTACH_REFUSED_OLD, type PinnedDevice } from '../../src/acpi/dmar/rmrr-explain.ts';
import { useDmarStore, type DmarState } from './dmar-store.ts';

const selectRmrrs = (s: DmarState) => s.shown?.load.analysis.rmrrs;

const CLASS_WORDS = { usb: 'USB controller', display: 'display device', other: 'neither USB nor display' } as const;

function verdict(device: PinnedDevice): { mark: string; text: string; tone: string } {
  if (device.relaxable === true) return { mark: '✓', text: 'can still be passed to a VM (relaxable)', tone: 'ok' };
  if (device.relaxable === false) return { mark: '✗', text: 'VFIO assignment refused', tone: 'bad' };
  return { mark: '?', text: 'depends on its PCI class', tone: 'unknown' };
}

function classText(device: PinnedDevice): string {
  const c = device.deviceClass;
  if (c.kind === 'unknown') return 'class unknown from the table alone';
  return c.source === 'intel-convention' ? `${CLASS_WORDS[c.kind]} by Intel's bus-0 convention (a guess)` : CLASS_WORDS[c.kind];
}

/** What each RMRR pins, and what that means for passing the device to a VM. */
export function RmrrPanel() {
  const rmrrs = useDmarStore(selectRmrrs) ?? [];
  return (
    <section aria-labelledby="dmar-rmrr-heading" className="dmar-rmrr-panel">
      <h3 id="dmar-rmrr-heading">RMRRs and passthrough</h3>
      <p className="hint">
        An RMRR asks for a 1:1 (IOVA = HPA) mapping of a memory range for the devices it names, for firmware that keeps doing DMA there (USB legacy keyboards, graphics, BMC
        links). Linux identity-maps it in the device&apos;s default domain. For USB controllers and display devices the region is relaxable and VFIO may still assign the device; for any other
        device assignment fails with <q>{KERNEL_RMRR_ATTACH_REFUSED_OLD}</q> (Linux v3.17–v6.4) or <q>{KERNEL_RMRR_ATTACH_REFUSED}</q> (v6.5 and later).
      </p>
      {rmrrs.length === 0 ? (
        <p>No RMRR: no device needs a 1:1 mapping, so the table blocks no passthrough.</p>
      ) : (
        <ul className="rmrr-list" aria-label="RMRR explanations">
          {rmrrs.map((r) => (
            <li key={r.offset}>
              <p className="rmrr-title">
                <strong>{r.rmrr}</strong> pins <span className="mono">{r.range}</span> ({r.bytes.toString()} bytes)
                {r.devices.length === 0 ? ' for no device' : ` for ${r.devices.length} device${r.devices.length === 1 ? '' : 's'}`}
              </p>
              {r.devices.length > 0 && (
                <ul className="rmrr-devices">
                  {r.devices.map((d, i) => {
                    const v = verdict(d);
                    return (
                      <li key={i}>
                        <span className="mono">{d.scope}</span> ({classText(d)}; owner {d.owner ?? 'unknown'}): <span className={`verdict ${v.tone}`}>{v.mark} {v.text}</span>
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
