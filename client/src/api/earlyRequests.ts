import type { Collection, EntryList, SessionInfo } from '../../../shared/api/contract.ts';
import { getSessionUser, listCollections, listEntries } from './endpoints.ts';
import { filtersFromParams, type EntryFilters } from './entryFilters.ts';

/** The post list's first requests, when the page opened on the list. */
export interface EarlyListRequests {
  filters: EntryFilters;
  collections: Promise<Collection[]>;
  firstPage: Promise<EntryList>;
}

/**
 * The first page's API requests, started as this module is evaluated.
 *
 * main.tsx imports this module first, so these requests leave while React, the router and the
 * query cache are still being evaluated, instead of after them (a fresh browser spends a few
 * hundred milliseconds there). main.tsx hands the promises to the query cache; nothing else reads
 * them. It depends only on the fetch helpers, never on React.
 */
export const earlyRequests: {
  session: Promise<SessionInfo | null>;
  list: EarlyListRequests | null;
} = startEarlyRequests();

function startEarlyRequests() {
  const session = getSessionUser();
  if (window.location.pathname !== '/') return { session, list: null };
  const filters = filtersFromParams(new URLSearchParams(window.location.search));
  const list = {
    filters,
    collections: listCollections(),
    firstPage: listEntries(filters, undefined),
  };
  // A signed-out visitor's list requests fail with 401; the session answer decides what to show.
  list.collections.catch(() => undefined);
  list.firstPage.catch(() => undefined);
  return { session, list };
}
