import type { ObjectStore } from './ObjectStore.ts';
import { type TreeEdit, editRawTree } from './rawTree.ts';
import { EMPTY_TREE_OID, findTreeEntry, isTreeMode } from './treeObject.ts';

/** Set (entry) or remove (null) what sits at `path`; the entry may be a blob or a whole subtree. */
export interface TreeChange {
  path: string;
  entry: { mode: string; oid: string } | null;
}

/** A change would put a file where a folder is, or the other way round. */
export class TreePathConflictError extends Error {
  constructor(readonly path: string) {
    super(`"${path}" is in the way: a file and a folder cannot share a name`);
    this.name = 'TreePathConflictError';
  }
}

/**
 * Applies `changes` to `baseTree` and returns the new root tree id. Only the trees along the
 * changed paths are read and written, and they are edited as bytes, so the cost follows the depth
 * of the paths and the size of the folders on them, never the number of files in the repository.
 * Folders left empty disappear, as git has no empty trees. Later changes to a path win.
 */
export async function buildTree(
  store: ObjectStore,
  baseTree: string | null,
  changes: readonly TreeChange[],
): Promise<string> {
  const relative = changes.map((c) => ({ segments: c.path.split('/'), entry: c.entry }));
  return (
    (await rewrite(store, baseTree, relative, '')) ?? (await store.writeRawTree(Buffer.alloc(0)))
  );
}

interface RelativeChange {
  segments: string[];
  entry: TreeChange['entry'];
}

async function rewrite(
  store: ObjectStore,
  treeOid: string | null,
  changes: RelativeChange[],
  prefix: string,
): Promise<string | null> {
  const raw =
    treeOid && treeOid !== EMPTY_TREE_OID ? await store.readTree(treeOid) : Buffer.alloc(0);
  // Per name, in order: a leaf change replaces what nested changes before it did, and nested
  // changes after a leaf change apply to that leaf's new subtree.
  const byName = new Map<string, { leaf?: TreeChange['entry']; nested: RelativeChange[] }>();
  for (const change of changes) {
    const [head, ...rest] = change.segments;
    const key = head!;
    const slot = byName.get(key) ?? { nested: [] };
    if (rest.length === 0) {
      slot.leaf = change.entry;
      slot.nested = [];
    } else slot.nested.push({ segments: rest, entry: change.entry });
    byName.set(key, slot);
  }
  const edits: TreeEdit[] = [];
  for (const [key, slot] of byName) {
    const name = Buffer.from(key, 'utf8');
    const path = `${prefix}${key}`;
    let entry: TreeChange['entry'] | undefined = slot.leaf;
    if (slot.nested.length > 0) {
      const existing = entry === undefined ? findTreeEntry(raw, name) : entry;
      if (existing && !isTreeMode(existing.mode)) {
        // Removing something inside a file removes nothing; putting something there cannot be done.
        if (slot.nested.every((c) => c.entry === null)) {
          if (entry !== undefined) edits.push({ name, entry });
          continue;
        }
        throw new TreePathConflictError(path);
      }
      const childOid = await rewrite(store, existing?.oid ?? null, slot.nested, `${path}/`);
      entry = childOid ? { mode: '40000', oid: childOid } : null;
    }
    if (entry !== undefined) edits.push({ name, entry });
  }
  const edited = editRawTree(
    raw,
    edits,
    (name) => new TreePathConflictError(`${prefix}${name.toString('utf8')}`),
  );
  if (edited === raw) return treeOid;
  if (edited.length === 0) return null;
  return store.writeRawTree(edited);
}
