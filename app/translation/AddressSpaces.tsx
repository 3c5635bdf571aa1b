import { toHex } from '../../src/hex.ts';
import { useLabStore } from '../store/lab-store.ts';

/**
 * The mappings the set-up made, IOVA → HPA. In VFIO mode they are two address spaces side by
 * side: the guest's physical addresses (what its driver programs, with no vIOMMU) and the host's
 * (what memory sees): the same number is a GPA to the guest and an IOVA to the IOMMU.
 */
export function AddressSpaces() {
  const scenario = useLabStore((s) => s.machine.scenario);
  const result = useLabStore((s) => s.result);
  if (scenario === undefined) return null;
  const vfio = scenario.mode === 'vfio';
  const hpa = result?.translation.kind === 'ok' ? result.translation.hpa : undefined;
  return (
    <section className="spaces" aria-labelledby="spaces-heading">
      <h2 id="spaces-heading">{vfio ? 'Guest and host address spaces' : 'Mappings'}</h2>
      {vfio && scenario.vfio !== undefined && (
        <p>
          Guest RAM {toHex(scenario.vfio.guestRamSize)} bytes: {toHex(scenario.vfio.split.belowFourG)} below 4 GiB, {toHex(scenario.vfio.split.aboveFourG)} above;
          backed by {scenario.vfio.hugepages} pages; group {scenario.vfio.group.join(', ')} in a VFIO container, DID {scenario.vfio.did}.
        </p>
      )}
      {scenario.mappings.length === 0 ? (
        <p>No mappings: {scenario.translation === 'hardware pass-through' ? 'with TT=10 the unit reads no page table.' : 'the IOMMU is not translating.'}</p>
      ) : (
        <table className="mappings">
          <thead>
            <tr>
              <th scope="col">{vfio ? 'Guest: GPA (= IOVA)' : 'IOVA'}</th>
              <th scope="col">{vfio ? 'Host: HPA' : 'HPA'}</th>
              <th scope="col">Size</th>
              <th scope="col">What</th>
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
                    {m.kind === 'dma-map' ? 'dma_map_page() buffer' : m.kind === 'identity' ? '1:1 identity' : 'guest RAM'}
                    {m.bounce !== undefined && ` (bounced via swiotlb from ${toHex(m.bounce.buffer)})`}
                    {current && ' ← this request'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {scenario.mappings.length > 12 && <p>and {scenario.mappings.length - 12} more ranges.</p>}
      {vfio && scenario.vfio !== undefined && scenario.vfio.holes.length > 0 && (
        <p>
          Not guest RAM (every GPA here faults):{' '}
          {scenario.vfio.holes.map((h) => `${toHex(h.gpa)}+${toHex(h.size)}`).join(', ')}
        </p>
      )}
    </section>
  );
}
