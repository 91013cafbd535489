import type { Collection } from '../../shared/api/contract.ts';
import { joinRepoPath } from '../git/paths.ts';
import type { EntryIndex, IndexedEntry } from './EntryIndex.ts';
import { ROOT_COLLECTION } from './entryPaths.ts';
import { inferFields } from './inferFields.ts';

/** The site's collections: the folders under the content folder, with fields inferred from their files. */
export class CollectionService {
  constructor(private readonly index: EntryIndex) {}

  /** GET /api/collections (computed once per head). */
  async list(): Promise<Collection[]> {
    const snapshot = await this.index.current();
    const cached = snapshot.memo.get('collections') as Collection[] | undefined;
    if (cached) return cached;
    const groups = new Map<string, IndexedEntry[]>();
    for (const entry of snapshot.entries.values()) {
      const list = groups.get(entry.collection) ?? [];
      list.push(entry);
      groups.set(entry.collection, list);
    }
    const mainRoot = snapshot.config.roots[0]!.dir;
    const collections = [...groups.entries()]
      .sort(([a], [b]) =>
        a === ROOT_COLLECTION ? 1 : b === ROOT_COLLECTION ? -1 : a.localeCompare(b),
      )
      .map(([name, entries]) => ({
        name,
        path: name === ROOT_COLLECTION ? mainRoot : joinRepoPath(mainRoot, name),
        count: entries.length,
        fields: inferFields(entries.filter((e) => e.bundle !== 'branch')),
      }));
    snapshot.memo.set('collections', collections);
    return collections;
  }
}
