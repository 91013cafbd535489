import type { ObjectStore } from '../ObjectStore.ts';
import { isTreeMode, parseTree, type TreeEntry } from '../treeObject.ts';

const GITLINK_MODE = '160000';

/**
 * The ids of every object the remote lacks for `commits` (oldest first, each one's first parent
 * either the remote's tip `base` or an earlier one of them): each commit, and the trees and blobs
 * its tree has that neither its parent's tree nor the remote tip's has at the same path, found by
 * walking only the folders that changed. isomorphic-git's push sends every object of each new
 * commit's tree instead, the whole site on every save. With no `base`, a root commit sends its
 * whole tree.
 */
export async function objectsToPush(
  objects: ObjectStore,
  commits: readonly string[],
  base: string | null,
): Promise<string[]> {
  const wanted = new Set<string>();
  const baseTree = base ? (await objects.readCommit(base)).tree : null;
  for (const oid of commits) {
    wanted.add(oid);
    const commit = await objects.readCommit(oid);
    const parent = commit.parents[0] ? await objects.readCommit(commit.parents[0]) : null;
    const known = [parent?.tree ?? null, baseTree].filter((tree): tree is string => tree !== null);
    await addTreeChanges(objects, commit.tree, [...new Set(known)], wanted);
  }
  return [...wanted];
}

async function entriesByName(objects: ObjectStore, tree: string): Promise<Map<string, TreeEntry>> {
  const byName = new Map<string, TreeEntry>();
  for (const entry of parseTree(await objects.readTree(tree)))
    byName.set(entry.name.toString('latin1'), entry);
  return byName;
}

// `known`: the trees at the same path that the remote has (the parent's, the remote tip's).
async function addTreeChanges(
  objects: ObjectStore,
  tree: string,
  known: readonly string[],
  wanted: Set<string>,
): Promise<void> {
  if (known.includes(tree) || wanted.has(tree)) return;
  wanted.add(tree);
  const knownEntries = await Promise.all(known.map((oid) => entriesByName(objects, oid)));
  for (const entry of parseTree(await objects.readTree(tree))) {
    if (entry.mode === GITLINK_MODE) continue;
    const name = entry.name.toString('latin1');
    const same = knownEntries.map((entries) => entries.get(name));
    if (same.some((old) => old?.oid === entry.oid)) continue;
    if (isTreeMode(entry.mode)) {
      const subtrees = same.filter((old) => old && isTreeMode(old.mode)).map((old) => old!.oid);
      await addTreeChanges(objects, entry.oid, subtrees, wanted);
    } else wanted.add(entry.oid);
  }
}
