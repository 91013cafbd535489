import { NotFoundError, ValidationError } from '../errors.ts';
import { PathError, checkRepoPath } from '../git/paths.ts';
import type { IndexSnapshot, IndexedEntry } from './EntryIndex.ts';

/** Checks an entry id from a client against the path rules; returns it in NFC (400 when broken). */
export function normalizeId(id: string): string {
  try {
    return checkRepoPath(id);
  } catch (err) {
    if (err instanceof PathError) throw new ValidationError(err.message, { reason: err.reason });
    throw err;
  }
}

/** The indexed entry named `id`: ids are only accepted when the index has them (404 otherwise). */
export function requireEntry(snapshot: IndexSnapshot, id: string): IndexedEntry {
  const entry = snapshot.entries.get(normalizeId(id));
  if (!entry)
    throw new NotFoundError(
      `No entry "${id}" at the current head: it may have been moved or deleted.`,
    );
  return entry;
}
