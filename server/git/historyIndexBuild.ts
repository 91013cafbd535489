import type { CommitInfo } from './commitParser.ts';
import { renameSourceOrUnknown } from './findRenameSource.ts';
import type { LogLine } from './historyIndexLog.ts';
import type { ObjectStore } from './ObjectStore.ts';
import { diffTrees } from './treeDiff.ts';

/** Rename sources are found while indexing for commits that add at most this many files (and delete some). */
const MAX_RENAME_ADDS = 32;

/**
 * The history index's line for one commit: the paths whose blob differs from `parentTree` (the
 * first parent's tree, null for a root), as added, modified or deleted, and for a commit that
 * adds a few files and deletes some, their rename sources. A rename whose contents a partial
 * clone lacks is left to lookup time (no `k`), as for bigger commits. Trees are read with
 * `readTree` (the build's own delta base cache).
 */
export async function indexCommit(
  objects: ObjectStore,
  info: CommitInfo,
  parentTree: string | null,
  readTree: (oid: string) => Promise<Buffer>,
): Promise<LogLine> {
  const deltas = await diffTrees(objects, parentTree, info.tree, '', {
    readTree,
    treesSeenOnce: true,
  });
  const line: LogLine = { c: info.oid, p: info.parents[0] ?? null };
  if (info.parents.length > 1) line.m = 1;
  for (const d of deltas) {
    if (d.before?.oid === d.after?.oid) continue; // mode only: the walk compares blob ids
    (!d.before ? (line.a ??= []) : d.after ? (line.x ??= []) : (line.d ??= [])).push(d.path);
  }
  if (!parentTree || !line.a || !line.d || line.a.length > MAX_RENAME_ADDS) return line;
  const renames: [string, string][] = [];
  for (const d of deltas) {
    if (d.before || !d.after) continue;
    const source = await renameSourceOrUnknown(
      objects,
      parentTree,
      info.tree,
      d.path,
      d.after.oid,
      deltas,
    );
    if (source === undefined) return line;
    if (source) renames.push([d.path, source]);
  }
  line.k = 1;
  if (renames.length) line.r = renames;
  return line;
}
