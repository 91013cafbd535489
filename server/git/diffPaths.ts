import type { ObjectStore } from './ObjectStore.ts';
import { type FileDelta, diffTrees } from './treeDiff.ts';
import { isTreeMode } from './treeObject.ts';

/**
 * The files that differ between two root trees at or below the given paths (files or folders):
 * what a commit changed where it said it would, without comparing anything else.
 */
export async function diffPaths(
  store: ObjectStore,
  before: string | null,
  after: string | null,
  paths: readonly string[],
): Promise<FileDelta[]> {
  const byPath = new Map<string, FileDelta>();
  for (const path of new Set(paths)) {
    const [a, b] = await Promise.all([
      before ? store.lookup(before, path) : null,
      after ? store.lookup(after, path) : null,
    ]);
    if (a?.oid === b?.oid && a?.mode === b?.mode) continue;
    const aFile = a && !isTreeMode(a.mode) ? { mode: a.mode, oid: a.oid } : null;
    const bFile = b && !isTreeMode(b.mode) ? { mode: b.mode, oid: b.oid } : null;
    if (aFile || bFile) byPath.set(path, { path, before: aFile, after: bFile });
    if ((a && isTreeMode(a.mode)) || (b && isTreeMode(b.mode))) {
      const aTree = a && isTreeMode(a.mode) ? a.oid : null;
      const bTree = b && isTreeMode(b.mode) ? b.oid : null;
      for (const delta of await diffTreesAt(store, aTree, bTree, path))
        byPath.set(delta.path, delta);
    }
  }
  return [...byPath.values()];
}

async function diffTreesAt(
  store: ObjectStore,
  a: string | null,
  b: string | null,
  path: string,
): Promise<FileDelta[]> {
  const deltas = await diffTrees(store, a, b);
  return deltas.map((d) => ({ ...d, path: `${path}/${d.path}` }));
}
