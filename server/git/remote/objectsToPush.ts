import type { ObjectStore } from '../ObjectStore.ts';
import { isTreeMode, parseTree, type TreeEntry } from '../treeObject.ts';

const GITLINK_MODE = '160000';
/** Parsed trees kept while collecting (per folder depth: this commit's, its parent's, the tip's). */
const PARSED_TREES = 16;

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
  // A batch of saves in one folder compares each commit's big trees with the previous commit's
  // and the remote tip's: the few parsed last are kept (a folder of 10,000 posts is 10,000 entries).
  const parsed = new Map<string, Map<string, TreeEntry>>();
  const entries = async (tree: string) => {
    let byName = parsed.get(tree);
    if (!byName) {
      byName = await entriesByName(objects, tree);
      parsed.set(tree, byName);
      if (parsed.size > PARSED_TREES) parsed.delete(parsed.keys().next().value!);
    }
    return byName;
  };
  const baseTree = base ? (await objects.readCommit(base)).tree : null;
  for (const oid of commits) {
    wanted.add(oid);
    const commit = await objects.readCommit(oid);
    const parent = commit.parents[0] ? await objects.readCommit(commit.parents[0]) : null;
    const known = [parent?.tree ?? null, baseTree].filter((tree): tree is string => tree !== null);
    await addTreeChanges(entries, commit.tree, [...new Set(known)], wanted);
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
  entries: (tree: string) => Promise<Map<string, TreeEntry>>,
  tree: string,
  known: readonly string[],
  wanted: Set<string>,
): Promise<void> {
  if (known.includes(tree) || wanted.has(tree)) return;
  wanted.add(tree);
  const knownEntries = await Promise.all(known.map(entries));
  for (const [name, entry] of await entries(tree)) {
    if (entry.mode === GITLINK_MODE) continue;
    const same = knownEntries.map((entries) => entries.get(name));
    if (same.some((old) => old?.oid === entry.oid)) continue;
    if (isTreeMode(entry.mode)) {
      const subtrees = same.filter((old) => old && isTreeMode(old.mode)).map((old) => old!.oid);
      await addTreeChanges(entries, entry.oid, subtrees, wanted);
    } else wanted.add(entry.oid);
  }
}
