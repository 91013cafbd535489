import { useEffect, useState, useSyncExternalStore } from 'react';
import { currentToast, dismissToast, subscribeToasts } from '../lib/toasts.ts';
import '../styles/toast.css';

/** How long a toast stays, unless the pointer or the focus is on it (WCAG 2.2.1: it waits for you). */
export const TOAST_MS = 8000;

/** The live region where toasts (toggle done with Undo, a post moved or deleted) appear at the bottom of every page (AppShell). */
export function ToastRegion() {
  const toast = useSyncExternalStore(subscribeToasts, currentToast);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!toast || held) return;
    const timer = window.setTimeout(() => dismissToast(toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, held]);
  return (
    <div
      className="toast-region"
      role="status"
      aria-live="polite"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {toast && (
        <div className="toast" key={toast.id}>
          <span>{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                dismissToast(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label="Dismiss"
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
