/** A short message with an optional action (Undo), shown for a few seconds. */
export interface Toast {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
}

let current: Toast | null = null;
let nextId = 1;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Shows `toast` in place of the one shown now (one at a time, newest wins). */
export function showToast(toast: Omit<Toast, 'id'>): void {
  current = { ...toast, id: nextId++ };
  notify();
}

/** Hides toast `id` if it is still the one shown. */
export function dismissToast(id: number): void {
  if (current?.id !== id) return;
  current = null;
  notify();
}

/** The toast shown now (for useSyncExternalStore). */
export function currentToast(): Toast | null {
  return current;
}

/** Subscribes to toast changes (for useSyncExternalStore). */
export function subscribeToasts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
