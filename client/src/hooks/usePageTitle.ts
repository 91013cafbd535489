import { useEffect } from 'react';

/** Suffix of every page title. */
const APP = 'Folio';

/** The document title for a page named `name` ("Posts · Folio"), or just "Folio" for null. */
export function pageTitle(name: string | null): string {
  return name ? `${name} · ${APP}` : APP;
}

/** Names the page in the browser's title bar and tab, as screen readers announce it (WCAG 2.4.2); undefined leaves it to a child. */
export function usePageTitle(name: string | null | undefined): void {
  useEffect(() => {
    if (name !== undefined) document.title = pageTitle(name);
  }, [name]);
}
