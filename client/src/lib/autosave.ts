import type { FrontMatter } from '../../../shared/api/contract.ts';

/** What the editor edits: front matter and body. */
export interface EntryDoc {
  frontMatter: FrontMatter;
  body: string;
}

/** An autosaved draft: the edits, the version they started from, and when they were kept. */
export interface AutosavedDraft {
  id: string;
  baseOid: string;
  doc: EntryDoc;
  message: string;
  savedAt: string;
}

const PREFIX = 'folio:autosave:';
// Drafts are kept per editor, so that whoever signs in next on this browser never sees them.
const keyOf = (user: string, id: string, baseOid: string) =>
  `${PREFIX}${JSON.stringify([user, id, baseOid])}`;
// Editors who signed out in this page: a late write (the editor flushing as it unmounts) is dropped.
const signedOut = new Set<string>();

function ownerOf(key: string): string | null {
  try {
    const parts = JSON.parse(key.slice(PREFIX.length)) as unknown;
    return Array.isArray(parts) && parts.length === 3 && typeof parts[0] === 'string'
      ? parts[0]
      : null;
  } catch {
    return null;
  }
}

/** Keeps `user`'s unsaved edits of entry `id` (based on blob `baseOid`) in localStorage; false when storage is full or off. */
export function writeDraft(user: string, draft: AutosavedDraft): boolean {
  if (signedOut.has(user)) return true;
  try {
    localStorage.setItem(keyOf(user, draft.id, draft.baseOid), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets `user`'s autosaved edits of `id` based on `baseOid`. */
export function removeDraft(user: string, id: string, baseOid: string): void {
  try {
    localStorage.removeItem(keyOf(user, id, baseOid));
  } catch {
    // Storage disabled: nothing was kept either.
  }
}

/** Every draft `user` autosaved of entry `id`, newest first. */
export function readDrafts(user: string, id: string): AutosavedDraft[] {
  const drafts: AutosavedDraft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX) || ownerOf(key) !== user) continue;
      const draft = JSON.parse(localStorage.getItem(key) ?? 'null') as AutosavedDraft | null;
      if (
        draft?.id === id &&
        typeof draft.baseOid === 'string' &&
        draft.doc &&
        typeof draft.doc.body === 'string'
      )
        drafts.push(draft);
    }
  } catch {
    return drafts;
  }
  return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** The entries `user` has drafts of in this browser (what sign-out would remove). */
export function draftEntryIds(user: string): string[] {
  const ids = new Set<string>();
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX) || ownerOf(key) !== user) continue;
      const parts = JSON.parse(key.slice(PREFIX.length)) as string[];
      ids.add(parts[1]!);
    }
  } catch {
    return [...ids];
  }
  return [...ids];
}

/**
 * At sign-out: forgets every draft of `user` (and drafts kept before they were per editor) and
 * ignores that editor's writes until `resumeDrafts` at their next sign-in.
 */
export function clearDrafts(user: string): void {
  signedOut.add(user);
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const owner = ownerOf(key);
      if (owner === user || owner === null) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept either.
  }
}

/** At sign-in: lets `user`'s drafts be written again in this page. */
export function resumeDrafts(user: string): void {
  signedOut.delete(user);
}
