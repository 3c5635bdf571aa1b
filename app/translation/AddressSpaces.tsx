import { toHex } from '../../src/hex.ts';
import { useT } from '../i18n/i18n.ts';
import { useLabStore } from '../store/lab-store.ts';

/**
 * The mappings the set-up made, IOVA → HPA. In VFIO mode they are two address spaces side by
 * side: the guest's physical addresses (what its driver programs, with no vIOMMU) and the host's
 * (what memory sees): the same number is a GPA to the guest and an IOVA to the IOMMU.
 */
export function AddressSpaces() {
  const t = useT();
  const scenario = useLabStore((s) => s.machine.scenario);
  const result = useLabStore((s) => s.result);
  if (scenario === undefined) return null;
  const vfio = scenario.mode === 'vfio';
  const hpa = result?.translation.kind === 'ok' ? result.translation.hpa : undefined;
  return (
    <section className="spaces" aria-labelledby="spaces-heading">
      <h2 id="spaces-heading">{vfio ? t('tr.spaces.vfio') : t('tr.spaces.mappings')}</h2>
      {vfio && scenario.vfio !== undefined && (
        <p>
          {t('tr.spaces.guest', {
            size: toHex(scenario.vfio.guestRamSize),
            below: toHex(scenario.vfio.split.belowFourG),
            above: toHex(scenario.vfio.split.aboveFourG),
            hugepages: scenario.vfio.hugepages,
            group: scenario.vfio.group.join(', '),
            did: scenario.vfio.did,
          })}
        </p>
      )}
      {scenario.mappings.length === 0 ? (
        <p>{scenario.translation === 'hardware pass-through' ? t('tr.spaces.noneTt') : t('tr.spaces.noneOff')}</p>
      ) : (
        <table className="mappings">
          <thead>
            <tr>
              <th scope="col">{vfio ? t('tr.spaces.colGpa') : 'IOVA'}</th>
              <th scope="col">{vfio ? t('tr.spaces.colHpaHost') : 'HPA'}</th>
              <th scope="col">{t('tr.spaces.colSize')}</th>
              <th scope="col">{t('tr.spaces.colWhat')}</th>
            </tr>
          </thead>
          <tbody>
            {scenario.mappings.slice(0, 12).map((m) => {
              const current = hpa !== undefined && hpa >= m.hpa && hpa < m.hpa + m.size;
              return (
                <tr key={`${m.kind}-${m.iova}`} className={current ? 'current' : ''}>
                  <td>
                    <code>{toHex(m.iova)}</code>
                  </td>
                  <td>
                    <code>{toHex(m.hpa)}</code>
                  </td>
                  <td>
                    <code>{toHex(m.size)}</code>
                  </td>
                  <td>
                    {m.kind === 'dma-map' ? t('tr.spaces.dmaMap') : m.kind === 'identity' ? t('tr.spaces.identity') : t('tr.spaces.guestRam')}
                    {m.bounce !== undefined && t('tr.spaces.bounced', { buffer: toHex(m.bounce.buffer) })}
                    {current && t('tr.spaces.current')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {scenario.mappings.length > 12 && <p>{t('tr.spaces.more', { n: scenario.mappings.length - 12 })}</p>}
      {vfio && scenario.vfio !== undefined && scenario.vfio.holes.length > 0 && (
        <p>
          {t('tr.spaces.holes', { holes: scenario.vfio.holes.map((h) => `${toHex(h.gpa)}+${toHex(h.size)}`).join(', ') })}
        </p>
      )}
    </section>
  );
}
