import { editRequest, translateRequest } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';

const selectDevices = (s: { machine: { scenario?: { platform: { devices: readonly { bdf: string; name: string }[] } } } }) => s.machine.scenario?.platform.devices;

/** The current machine's devices by name; picking one puts its BDF in the Source ID field and walks it. */
export function DevicePicker() {
  const sourceId = useLabStore((s) => s.request.sourceId);
  const devices = useLabStore(selectDevices) ?? [];
  const known = devices.some((d) => d.bdf === sourceId);
  return (
    <label>
      Device
      <select
        value={known ? sourceId : ''}
        onChange={(e) => {
          if (e.target.value === '') return;
          editRequest({ sourceId: e.target.value });
          void translateRequest();
        }}
      >
        {!known && <option value="">(other: typed below)</option>}
        {devices.map((d) => (
          <option key={d.bdf} value={d.bdf}>
            {d.bdf} {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
