import { editRequest, translateRequest } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';
import { useT } from '../i18n/i18n.ts';

const selectDevices = (s: { machine: { scenario?: { platform: { devices: readonly { bdf: string; name: string }[] } } } }) => s.machine.scenario?.platform.devices;

/** The current machine's devices by name; picking one puts its BDF in the Source ID field and walks it. */
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
          if (e.target.value === '') return;
          editRequest({ sourceId: e.target.value });
          void translateRequest();
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
