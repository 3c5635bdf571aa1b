import { useEffect, useRef } from 'react';
import { useT, type MessageKey } from './i18n/i18n.ts';
import { setHelpOpen } from './store/actions.ts';
import { useLabStore } from './store/lab-store.ts';

/** Each key, as printed on the keyboard, and the catalogue key of what it does. */
export const SHORTCUTS: readonly (readonly [string, MessageKey])[] = [
  ['→', 'help.stepForward'],
  ['←', 'help.stepBack'],
  ['Space', 'help.play'],
  ['Home / End', 'help.homeEnd'],
  ['1 2 3 4', 'help.modes'],
  ['p', 'help.presenter'],
  ['?', 'help.help'],
];

/** The keyboard shortcuts, in a modal dialog (Escape closes it). */
export function HelpDialog() {
  const t = useT();
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
      <h2 id="help-heading">{t('help.heading')}</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{t(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">{t('help.close')}</button>
      </form>
    </dialog>
  );
}
