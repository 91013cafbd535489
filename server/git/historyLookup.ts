import type { WalkItem, WalkPage } from './commitWalk.ts';
import type { CommitInfo } from './commitParser.ts';
import type { FileHistoryItem } from './fileHistory.ts';
import { renameSourceOrUnknown } from './findRenameSource.ts';
import { type HistoryPositions, below } from './historyPositions.ts';
import { LruCache } from './lruCache.ts';
import type { ObjectStore } from './ObjectStore.ts';
import { isTreeMode } from './treeObject.ts';

/** Answers a history page without the index (the commit walk), for the parts the index does not cover. */
export type HistoryWalk = (start: WalkItem[], limit: number) => Promise<WalkPage<FileHistoryItem>>;

/**
 * Reads pages of a path's history off the indexed chain, newest first, as the commit walk would
 * list them: at an addition it continues under the rename source (found while indexing, or here,
 * cached), at a merge that changed the path it hands over to `walk`. Null when the chain was cut
 * meanwhile (the caller walks instead).
 */
export class HistoryLookup {
  private readonly renames = new LruCache<string, string | null>(2000);

  constructor(
    private readonly chain: HistoryPositions,
    private readonly objects: ObjectStore,
  ) {}

  /** A page of `startPath`'s history from position of `from` (on the chain), at most `limit` items. */
  async page(
    from: string,
    startPath: string,
    limit: number,
    walk: HistoryWalk,
  ): Promise<WalkPage<FileHistoryItem> | null> {
    const chain = this.chain;
    const generation = chain.generation;
    const objects = this.objects;
    const items: FileHistoryItem[] = [];
    let path = startPath;
    let cur = chain.positionOf(from)!;
    let list = chain.postingsOf(path);
    let k = below(list, cur);
    while (items.length < limit) {
      if (k < 0) return { items, next: null };
      const q = list[k]! >> 1;
      const added = (list[k]! & 1) === 1;
      const oid = chain.oidAt(q);
      if (chain.isMerge(q)) {
        const rest = await walk([{ commit: oid, path }], limit - items.length);
        return { ...rest, items: [...items, ...rest.items] };
      }
      const commit = await objects.readCommit(oid);
      if (chain.generation !== generation) return null;
      items.push({ commit, path });
      if (q === 0 || commit.parents.length === 0) return { items, next: null };
      cur = q - 1;
      if (added) {
        const found = chain.renamesAt(q);
        const source = chain.deletedFiles(q)
          ? (found?.get(path) ?? (found ? null : await this.renameSource(commit, path)))
          : null; // nothing deleted: nothing to have been renamed
        if (chain.generation !== generation) return null;
        if (source === undefined) return { items, next: null, unavailable: true };
        if (!source) return { items, next: null };
        path = source;
        list = chain.postingsOf(path);
        k = below(list, cur);
      } else {
        k--;
      }
    }
    return { items, next: [{ commit: chain.oidAt(cur), path }] };
  }

  /** The rename source of `path` added in `commit`, null for none, undefined when unknowable (partial clone). */
  private async renameSource(commit: CommitInfo, path: string): Promise<string | null | undefined> {
    const key = `${commit.oid}\0${path}`;
    const hit = this.renames.get(key);
    if (hit !== undefined) return hit;
    const objects = this.objects;
    const entry = await objects.lookup(commit.tree, path);
    let source: string | null | undefined = null;
    if (entry && !isTreeMode(entry.mode)) {
      const parent = await objects.readCommit(commit.parents[0]!);
      source = await renameSourceOrUnknown(objects, parent.tree, commit.tree, path, entry.oid);
    }
    if (source !== undefined) this.renames.set(key, source); // unknown now, maybe not once fetched
    return source;
  }
}
