import { useEffect, useId, useState } from 'react';
import { useModalDialog } from '../hooks/useModalDialog.ts';
import { hasCommandModifier, isTypingTarget, LIST_SHORTCUTS } from '../lib/shortcuts.ts';

/** A button, and `?` anywhere outside text fields, open a dialog listing the list's keyboard shortcuts. */
export function ShortcutsDialog() {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const id = useId();
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || hasCommandModifier(event) || isTypingTarget(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, []);
  return (
    <>
      <button
        type="button"
        className="button button-quiet button-small shortcuts-button"
        aria-keyshortcuts="Shift+?"
        onClick={() => setOpen(true)}
      >
        Shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
      <dialog
        ref={ref}
        className="dialog shortcuts-dialog"
        aria-labelledby={`${id}-t`}
        onClose={() => setOpen(false)}
      >
        <h2 id={`${id}-t`}>Keyboard shortcuts</h2>
        <table className="shortcuts-table">
          <tbody>
            {LIST_SHORTCUTS.map(({ keys, what }) => (
              <tr key={what}>
                <th scope="row">
                  {keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && ' or '}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Shortcuts do nothing while you type in a field.</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setOpen(false)} autoFocus>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
