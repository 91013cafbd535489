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

// The list's active row, while the app runs (a reload starts at the top again).
let activeRow: string | null = null;

/** Remembers the list's active row, so that coming back from the editor puts the focus on it again. */
export function rememberActiveRow(id: string): void {
  activeRow = id;
}

/** The id of the list's row last active (null: none). */
export function activeListRow(): string | null {
  return activeRow;
}
