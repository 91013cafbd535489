import { CommitQueue, type WalkItem, type WalkPage } from './commitWalk.ts';
import type { CommitInfo } from './commitParser.ts';
import type { ObjectStore } from './ObjectStore.ts';
import { renameSourceOrUnknown } from './findRenameSource.ts';
import { isTreeMode } from './treeObject.ts';

/** A commit that changed the followed file, and the file's path in that commit. */
export interface FileHistoryItem {
  commit: CommitInfo;
  path: string;
}

/**
 * Lists the commits that changed a file, newest first, following renames like `git log --follow`:
 * a merge that kept one parent's version is skipped (git's history simplification), and when the
 * file appears in a commit, a file deleted in that same commit with the same or similar content
 * is taken as its earlier name. In a partial clone without that content, the line ends there
 * and the page says so (`unavailable`).
 */
export async function walkFileHistory(
  objects: ObjectStore,
  start: readonly WalkItem[],
  options: { limit: number; maxScan: number },
): Promise<WalkPage<FileHistoryItem>> {
  const queue = new CommitQueue(objects);
  for (const item of start) await queue.push(item);
  const items: FileHistoryItem[] = [];
  let unavailable = false;
  let scanned = 0;
  while (items.length < options.limit && scanned < options.maxScan) {
    const next = queue.pop();
    if (!next) return page(items, null, unavailable);
    scanned++;
    const path = next.path!;
    const commit = await objects.readCommit(next.commit);
    const mine = await blobAt(objects, commit.tree, path);
    if (commit.parents.length === 0) {
      if (mine) items.push({ commit, path });
      continue;
    }
    const parents = await Promise.all(commit.parents.map((p) => objects.readCommit(p)));
    const theirs = await Promise.all(parents.map((p) => blobAt(objects, p.tree, path)));
    const same = theirs.findIndex((t) => t === mine);
    if (same !== -1) {
      await queue.push({ commit: parents[same]!.oid, path });
      continue;
    }
    items.push({ commit, path });
    if (mine && parents.length === 1 && theirs[0] === null) {
      const from = await renameSourceOrUnknown(objects, parents[0]!.tree, commit.tree, path, mine);
      if (from === undefined) unavailable = true;
      if (from) await queue.push({ commit: parents[0]!.oid, path: from });
      continue;
    }
    // A parent without the file adds nothing to its history (it was created on the other side).
    for (let i = 0; i < parents.length; i++)
      if (theirs[i] !== null) await queue.push({ commit: parents[i]!.oid, path });
  }
  const pending = queue.pending();
  return page(items, pending.length ? pending : null, unavailable);
}

function page<T>(items: T[], next: WalkItem[] | null, unavailable: boolean): WalkPage<T> {
  return unavailable ? { items, next, unavailable: true } : { items, next };
}

/** The blob id at `path` in a tree, or null (a folder there counts as no file). */
async function blobAt(objects: ObjectStore, tree: string, path: string): Promise<string | null> {
  const entry = await objects.lookup(tree, path);
  return entry && !isTreeMode(entry.mode) ? entry.oid : null;
}
