import { useEffect, useRef, useState, type RefObject } from 'react';
import { useLocation } from 'react-router';

/** Marks the element useRouteFocus parks the focus on, so that pages can tell it from a real focus. */
export const ROUTE_FOCUS_ATTRIBUTE = 'data-route-focus';

/** True when nothing has the focus (the focused link left with the page it was on). */
function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/**
 * True when a page may place the focus itself once its data is in: nothing has it, or only the
 * arrival point of useRouteFocus (which holds it until the page knows where it belongs).
 */
export function focusIsFree(): boolean {
  return focusLost() || document.activeElement!.hasAttribute(ROUTE_FOCUS_ATTRIBUTE);
}

/**
 * After a move to another page inside the app, puts the focus on `target` (an element at the very
 * top of the app, before the skip links) when nothing else took it, and gives the page's name
 * (its document title, as usePageTitle sets it) to read out there: a keyboard user's first Tab
 * then reaches the page's first skip link, and a screen reader says where they are. The first
 * load is left alone (the browser starts at the top itself), and so is a page that placed the
 * focus itself; a page that places it later, once loaded (the list, back on the row that was
 * opened), takes it from there (see focusIsFree).
 */
export function useRouteFocus(target: RefObject<HTMLElement | null>): string {
  const { pathname } = useLocation();
  const [name, setName] = useState(() => document.title);
  const first = useRef(true);

  // The title changes after the page has loaded what it names (the post's title, say).
  useEffect(() => {
    const title = document.querySelector('title');
    if (!title) return;
    const observer = new MutationObserver(() => setName(document.title));
    observer.observe(title, { childList: true, characterData: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After the page's own effects, which may have placed the focus on purpose.
    const frame = requestAnimationFrame(() => {
      if (focusLost()) target.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname, target]);

  return name;
}
