import type { Collection } from '../../../shared/api/contract.ts';

/**
 * The collection an entry path belongs to, judged by the folders the site lists for each
 * collection (its path, and where new entries go in each language): the longest that holds `id`.
 * Null when none does; the server's own classification decides in the end.
 */
export function collectionOfEntry(collections: readonly Collection[], id: string): string | null {
  let best: { name: string; length: number } | null = null;
  for (const collection of collections) {
    const folders = [collection.path, ...Object.values(collection.newEntryPaths ?? {})].map(
      (path) => (path.includes('{slug}') ? path.slice(0, path.indexOf('{slug}')) : `${path}/`),
    );
    for (const folder of folders)
      if (folder && id.startsWith(folder) && folder.length > (best?.length ?? -1))
        best = { name: collection.name, length: folder.length };
  }
  return best?.name ?? null;
}
