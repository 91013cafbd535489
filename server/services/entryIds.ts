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

/**
 * The repository path of entry `id` as the index spells it: a file committed under a decomposed
 * (NFD) name keeps that name, and either spelling finds it; otherwise the id in NFC.
 */
export function entryPathFor(snapshot: IndexSnapshot, id: string): string {
  const nfc = normalizeId(id);
  if (snapshot.entries.has(id)) return id;
  if (snapshot.entries.has(nfc) || /^[\x20-\x7e]*$/.test(id)) return nfc;
  for (const path of snapshot.entries.keys()) if (path.normalize('NFC') === nfc) return path;
  return nfc;
}

/** The indexed entry named `id`: ids are only accepted when the index has them (404 otherwise). */
export function requireEntry(snapshot: IndexSnapshot, id: string): IndexedEntry {
  const entry = snapshot.entries.get(entryPathFor(snapshot, id));
  if (!entry)
    throw new NotFoundError(
      `No entry "${id}" at the current head: it may have been moved or deleted.`,
    );
  return entry;
}
