import { chooseSetup } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';
import { useT } from '../i18n/i18n.ts';

const selectDevices = (s: { machine: { scenario?: { platform: { devices: readonly { bdf: string; name: string }[] } } } }) => s.machine.scenario?.platform.devices;

/** The current machine's devices by name; picking one sets the machine up for it and walks its default request. */
export function DevicePicker() {
  const t = useT();
  const sourceId = useLabStore((s) => s.request.sourceId);
  const devices = useLabStore(selectDevices) ?? [];
  const known = devices.some((d) => d.bdf === sourceId);
  return (
    <label>
      {t('tr.device')}
      <select
        value={known ? sourceId : ''}
        onChange={(e) => {
          // The set-up follows the device picked: its driver's buffers and domain (in VFIO mode,
          // the device assigned). A BDF typed in the field instead is walked as it is.
          if (e.target.value !== '') void chooseSetup({ device: e.target.value });
        }}
      >
        {!known && <option value="">{t('tr.device.other')}</option>}
        {devices.map((d) => (
          <option key={d.bdf} value={d.bdf}>
            {d.bdf} {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
