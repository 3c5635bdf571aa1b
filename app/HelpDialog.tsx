import { useEffect, useRef } from 'react';
import { setHelpOpen } from './store/actions.ts';
import { useLabStore } from './store/lab-store.ts';

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['→', 'Step forward'],
  ['←', 'Step back'],
  ['Space', 'Play or pause the walk'],
  ['Home / End', 'First step / whole walk'],
  ['1 2 3 4', 'IOMMU disabled, iommu=pt, DMA domain, VFIO passthrough'],
  ['p', 'Presenter mode (large type, high contrast)'],
  ['?', 'This list'],
];

/** The keyboard shortcuts, in a modal dialog (Escape closes it). */
export function HelpDialog() {
  const open = useLabStore((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby="help-heading" onClose={() => setHelpOpen(false)} className="help">
      <h2 id="help-heading">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
