/** Why the app last went to the sign-in page: the session ended under the editor, or they signed out. */
let reason: 'expired' | 'signed-out' | null = null;

/** Notes that the server no longer knows the signed-in editor's session (a 401 while signed in). */
export function noteSessionExpired(): void {
  reason = 'expired';
}

/** True when the last sign-out was a session that ended, not the editor's own choice. */
export function sessionExpired(): boolean {
  return reason === 'expired';
}

/** Notes a sign-out the editor confirmed: leaving the editor then needs no second question. */
export function noteSignedOut(): void {
  reason = 'signed-out';
}

/** True between a confirmed sign-out and the next sign-in. */
export function signedOut(): boolean {
  return reason === 'signed-out';
}

/** Forgets the reason, once the editor signed in again. */
export function clearSessionEnd(): void {
  reason = null;
}

/** Edits not yet committed in the editor that is open now, by entry id (title for the warning). */
const unsaved = new Map<string, string>();

/** The editor reports whether entry `id` has edits not yet saved. */
export function noteUnsaved(id: string, title: string | null): void {
  if (title === null) unsaved.delete(id);
  else unsaved.set(id, title);
}

/** Titles of the entries with edits not yet saved in an open editor. */
export function unsavedTitles(): string[] {
  return [...unsaved.values()];
}
