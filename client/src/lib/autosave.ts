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
const keyOf = (id: string, baseOid: string) => `${PREFIX}${JSON.stringify([id, baseOid])}`;

/** Keeps unsaved edits of entry `id` (based on blob `baseOid`) in localStorage; false when storage is full or off. */
export function writeDraft(draft: AutosavedDraft): boolean {
  try {
    localStorage.setItem(keyOf(draft.id, draft.baseOid), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the autosaved edits of `id` based on `baseOid`. */
export function removeDraft(id: string, baseOid: string): void {
  try {
    localStorage.removeItem(keyOf(id, baseOid));
  } catch {
    // Storage disabled: nothing was kept either.
  }
}

/** Every autosaved draft of entry `id`, newest first. */
export function readDrafts(id: string): AutosavedDraft[] {
  const drafts: AutosavedDraft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
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
