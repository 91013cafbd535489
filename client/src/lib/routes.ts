/** Encodes a repository path segment by segment, so slashes stay readable in the address bar. */
function encodePath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

/** Address of the editor for entry `id`. */
export const editorRoute = (id: string) => `/edit/${encodePath(id)}`;
/** Address of the list of conflicted saves (offline saves the remote contradicted). */
export const conflictsRoute = '/sync/conflicts';
/** Address of the editor for entry `id`, opened on the conflict of the conflicted save `commit`. */
export const conflictEditorRoute = (id: string, commit: string) =>
  `${editorRoute(id)}?conflict=${commit}`;
/** Address of the history of entry `id`. */
export const entryHistoryRoute = (id: string) => `/history/${encodePath(id)}`;
/** Address of entry `id` as it was in `commit`, whole. */
export const versionRoute = (commit: string, id: string) => `/versions/${commit}/${encodePath(id)}`;
/** Address of a commit, optionally focused on one entry. */
export const commitRoute = (oid: string, id?: string) =>
  `/commits/${oid}${id ? `?entry=${encodeURIComponent(id)}` : ''}`;
/** Address of the comparison of entry `id` between commits `from` (older) and `to`. */
export const compareRoute = (id: string, from: string, to: string) =>
  `/compare/${from}/${to}/${encodePath(id)}`;
