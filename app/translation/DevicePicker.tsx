import { samplePlatform } from '../../src/platform/sample-platform.ts';
import { editRequest, translateRequest } from '../store/actions.ts';
import { useLabStore } from '../store/lab-store.ts';

const platform = samplePlatform();
const DEVICES = platform.ok ? platform.platform.devices : [];

/** Devices of the sample platform by name; picking one puts its BDF in the Source ID field. */
export function DevicePicker() {
  const sourceId = useLabStore((s) => s.request.sourceId);
  const known = DEVICES.some((d) => d.bdf === sourceId);
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
        {DEVICES.map((d) => (
          <option key={d.bdf} value={d.bdf}>
            {d.bdf} {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
