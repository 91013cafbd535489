const KEY = 'folio:list-search';

/** Remembers the post list's filters (its query string) for the way back from the editor. */
export function rememberListSearch(search: string): void {
  try {
    sessionStorage.setItem(KEY, search);
  } catch {
    // Storage off: "Posts" opens the plain list.
  }
}

/** The post list with the filters it had when last seen in this tab. */
export function listRoute(): string {
  try {
    const search = sessionStorage.getItem(KEY) ?? '';
    return search.startsWith('?') ? `/${search}` : '/';
  } catch {
    return '/';
  }
}
