import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** The list's keyboard shortcuts, as the help dialog lists them. */
export const LIST_SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Search' },
  { keys: ['j', '↓'], what: 'Next post' },
  { keys: ['k', '↑'], what: 'Previous post' },
  { keys: ['Home', 'End'], what: 'First or last post loaded' },
  { keys: ['→', '←'], what: "Move through a post's switches and links" },
  { keys: ['e', 'Enter'], what: 'Edit the post' },
  { keys: ['Esc'], what: 'Back from a switch to its post' },
  { keys: ['?'], what: 'This list of shortcuts' },
];

/** True when a key pressed in `target` is typing (a text field, a select, an editor, a dialog): shortcuts leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(
    el?.closest?.(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], dialog',
    ),
  );
}

/** True for a key press with Ctrl, Meta or Alt (the browser's and the system's shortcuts). */
export function hasCommandModifier(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey || event.altKey;
}
