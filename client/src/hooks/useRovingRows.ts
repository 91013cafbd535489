import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { hasCommandModifier, isTypingTarget } from '../lib/shortcuts.ts';
import { focusIsFree } from './useRouteFocus.ts';

/** What useRovingRows needs from the list. */
export interface RovingRowsOptions {
  count: number;
  /** The row to start on, focused when the page has no focus yet (coming back from the editor). */
  initial?: number;
  /** Brings row `index` into view (the virtualizer's scrollToIndex). */
  scrollTo: (index: number) => void;
  /** Opens the editor of row `index`. */
  onOpen: (index: number) => void;
  /** Told when the focus enters row `index` (by keys, a click or Tab). */
  onActive?: (index: number) => void;
}

// The focusable row of a virtual slot, and the controls inside it.
const ROW = '.post-row';
const CONTROLS = 'a[href], button:not([disabled])';

function rowIn(container: HTMLElement | null, index: number): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`[data-index="${index}"] ${ROW}`) ?? null;
}

/**
 * One tab stop for the whole list (WAI-ARIA roving tabindex): the active row is focusable, arrow
 * keys, Home, End and j/k move between rows, Right/Left walk the row's controls, e or Enter edits.
 * The active row is always rendered (see rangeExtractor), so focus survives scrolling it away.
 */
export function useRovingRows({
  count,
  initial = -1,
  scrollTo,
  onOpen,
  onActive,
}: RovingRowsOptions) {
  const [active, setActive] = useState(() => Math.max(initial, 0));
  const current = Math.min(active, Math.max(count - 1, 0));
  const containerRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);

  const moveTo = useCallback(
    (index: number) => {
      if (count === 0) return;
      const next = Math.max(0, Math.min(index, count - 1));
      setActive(next);
      scrollTo(next);
      // A row already rendered takes the focus now; another once the render has put it in the DOM.
      const row = rowIn(containerRef.current, next);
      if (row) row.focus({ preventScroll: true });
      else pendingFocus.current = next;
    },
    [count, scrollTo],
  );

  // After the render that put the row in the DOM (or moved it), focus it.
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = rowIn(containerRef.current, index);
    if (!row) return;
    pendingFocus.current = null;
    row.focus({ preventScroll: true });
  });

  // Back from the editor: the row that was opened takes the focus again, unless something has it.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || initial < 0) return;
    restored.current = true;
    if (!focusIsFree()) return;
    // Already the active row (see useState above): only the scroll and the focus are left.
    scrollTo(initial);
    const row = rowIn(containerRef.current, initial);
    if (row) row.focus({ preventScroll: true });
    else pendingFocus.current = initial;
  }, [initial, scrollTo]);

  // j and k also work from outside the list (but never while typing).
  useEffect(() => {
    const handleKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || hasCommandModifier(event) || isTypingTarget(event.target))
        return;
      if (event.key !== 'j' && event.key !== 'k') return;
      if (containerRef.current?.contains(event.target as Node)) return; // handled below
      event.preventDefault();
      moveTo(current);
    };
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, [current, moveTo]);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (hasCommandModifier(event) || isTypingTarget(event.target)) return;
    const target = event.target as HTMLElement;
    const slot = target.closest<HTMLElement>('[data-index]');
    if (!slot) return;
    const index = Number(slot.dataset.index);
    const row = slot.querySelector<HTMLElement>(ROW);
    if (!row) return;
    const onRow = target === row;
    const controls = [...row.querySelectorAll<HTMLElement>(CONTROLS)];
    const at = controls.indexOf(target);
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
        case 'j':
          moveTo(index + 1);
          return true;
        case 'ArrowUp':
        case 'k':
          moveTo(index - 1);
          return true;
        case 'Home':
          moveTo(0);
          return true;
        case 'End':
          moveTo(count - 1);
          return true;
        case 'PageDown':
          moveTo(index + 10);
          return true;
        case 'PageUp':
          moveTo(index - 10);
          return true;
        case 'ArrowRight':
          controls[onRow ? 0 : Math.min(at + 1, controls.length - 1)]?.focus();
          return true;
        case 'ArrowLeft':
          if (onRow || at <= 0) row.focus();
          else controls[at - 1]?.focus();
          return true;
        case 'Escape':
          if (onRow) return false;
          row.focus();
          return true;
        case 'e':
          onOpen(index);
          return true;
        case 'Enter':
          if (!onRow) return false; // a link or a switch does its own thing
          onOpen(index);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  // A click or a Tab into a row makes it the active one.
  const handleFocus = (event: FocusEvent<HTMLDivElement>) => {
    const slot = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!slot) return;
    setActive(Number(slot.dataset.index));
    onActive?.(Number(slot.dataset.index));
  };

  /** The virtualizer's rangeExtractor: what is on screen, and the active row wherever it is. */
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (current < range.count && !indexes.includes(current)) {
        indexes.push(current);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [current],
  );

  return { active: current, containerRef, handleKeyDown, handleFocus, rangeExtractor };
}
