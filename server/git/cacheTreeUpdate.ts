import type { IndexEntry } from './indexFile.ts';
import { findEntry } from './indexFile.ts';

/** One folder of git's cache tree (`TREE` index extension), parsed. */
export interface CacheTreeNode {
  name: Buffer;
  /** Index entries under the folder, or -1 when git (or Folio) marked it invalid. */
  entries: number;
  /** The folder's tree id (20 bytes) while valid. */
  oid: Buffer | null;
  subtrees: CacheTreeNode[];
}

/** Where a commit's trees are read from: the entry at `path` of `tree` ('' for the tree itself). */
export type TreeLookup = (tree: string, path: string) => Promise<string | null>;

/** The commits' root trees around an index write: what the index matched before, and after. */
export interface CacheTreeMove {
  from: string | null;
  to: string;
}

/** Parses a `TREE` extension's data (folders in pre-order); null when malformed. */
export function parseCacheTree(data: Buffer): CacheTreeNode | null {
  let at = 0;
  const folder = (depth: number): CacheTreeNode => {
    if (depth > 4096) throw new Error('too deep');
    const nameEnd = data.indexOf(0, at);
    if (nameEnd < 0) throw new Error('truncated');
    const name = Buffer.from(data.subarray(at, nameEnd));
    const space = data.indexOf(0x20, nameEnd + 1);
    const newline = data.indexOf(0x0a, nameEnd + 1);
    if (space < 0 || newline < space) throw new Error('malformed');
    const entries = decimal(data.toString('latin1', nameEnd + 1, space), true);
    const count = decimal(data.toString('latin1', space + 1, newline), false);
    at = newline + 1;
    let oid: Buffer | null = null;
    if (entries >= 0) {
      if (at + 20 > data.length) throw new Error('truncated');
      oid = Buffer.from(data.subarray(at, at + 20));
      at += 20;
    }
    const subtrees: CacheTreeNode[] = [];
    for (let k = 0; k < count; k++) subtrees.push(folder(depth + 1));
    return { name, entries, oid, subtrees };
  };
  try {
    const root = folder(0);
    return at === data.length && root.name.length === 0 ? root : null;
  } catch {
    return null;
  }
}

/** Serializes a cache tree as git writes it: pre-order, subtrees in git's order. */
export function serializeCacheTree(root: CacheTreeNode): Buffer {
  const parts: Buffer[] = [];
  const folder = (node: CacheTreeNode): void => {
    parts.push(node.name, Buffer.from(`\0${node.entries} ${node.subtrees.length}\n`, 'latin1'));
    if (node.entries >= 0 && node.oid) parts.push(node.oid);
    for (const sub of [...node.subtrees].sort(gitSubtreeOrder)) folder(sub);
  };
  folder(root);
  return Buffer.concat(parts);
}

/**
 * The cache tree after an index write that applied `paths` (the files it changed), given the
 * cache tree `old` of the index before. Every folder holding a changed path is invalidated, as
 * git does, unless it is proved: its old record was valid and equals the `from` commit's tree
 * there (or an enclosing folder is proved), so the index under it was the `from` tree and, with
 * the same changes applied to both, is the `to` tree now: it gets that tree's id and its entry
 * count from `entries` (the index as written). Without `move` (an index repair with no commit)
 * folders are only invalidated. Folders no changed path touches keep their records.
 */
export async function updateCacheTree(
  old: CacheTreeNode,
  paths: readonly string[],
  entries: readonly IndexEntry[],
  move: CacheTreeMove | null,
  lookup: TreeLookup,
): Promise<CacheTreeNode | null> {
  const touched = touchedFolders(paths);
  const at = async (tree: string | null, dir: string): Promise<string | null> =>
    tree === null ? null : dir === '' ? tree : lookup(tree, dir);
  const visit = async (
    node: CacheTreeNode | null,
    name: Buffer,
    dir: string,
    enclosingProved: boolean,
  ): Promise<CacheTreeNode | null> => {
    const wasValid = node !== null && node.entries >= 0 && node.oid !== null;
    const proved =
      move !== null &&
      (enclosingProved || (wasValid && (await at(move.from, dir)) === node.oid!.toString('hex')));
    if (!proved && node === null) return null; // nothing known about it: left out, as before
    const subtrees = new Map<string, CacheTreeNode>();
    for (const sub of node?.subtrees ?? []) subtrees.set(sub.name.toString('latin1'), sub);
    for (const child of touched.get(dir) ?? []) {
      const key = Buffer.from(child, 'utf8').toString('latin1');
      const childDir = dir ? `${dir}/${child}` : child;
      const updated = await visit(
        subtrees.get(key) ?? null,
        Buffer.from(child, 'utf8'),
        childDir,
        proved,
      );
      if (updated) subtrees.set(key, updated);
      else subtrees.delete(key);
    }
    if (!proved) return { name, entries: -1, oid: null, subtrees: [...subtrees.values()] };
    const oid = await at(move!.to, dir);
    if (oid === null) return null; // the folder is gone in the new tree
    return {
      name,
      entries: countUnder(entries, dir),
      oid: Buffer.from(oid, 'hex'),
      subtrees: [...subtrees.values()],
    };
  };
  return visit(old, Buffer.alloc(0), '', false);
}

// Folder -> the names of its subfolders that hold a changed path ('' is the root).
function touchedFolders(paths: readonly string[]): Map<string, Set<string>> {
  const touched = new Map<string, Set<string>>([['', new Set()]]);
  for (const path of paths) {
    const parts = path.split('/');
    let dir = '';
    for (const part of parts.slice(0, -1)) {
      let children = touched.get(dir);
      if (!children) touched.set(dir, (children = new Set()));
      children.add(part);
      dir = dir ? `${dir}/${part}` : part;
      if (!touched.has(dir)) touched.set(dir, new Set());
    }
  }
  return touched;
}

// Index entries whose path lies under folder `dir` (all of them for the root): one sorted run.
function countUnder(entries: readonly IndexEntry[], dir: string): number {
  if (dir === '') return entries.length;
  const start = findEntry(entries, Buffer.from(`${dir}/`, 'utf8')).at;
  // '0' follows '/' in byte order: the first path past every `dir/...`.
  const end = findEntry(entries, Buffer.from(`${dir}0`, 'utf8')).at;
  return end - start;
}

// git keeps a folder's subtrees ordered by name length, then bytes (cache-tree.c subtree_name_cmp).
function gitSubtreeOrder(a: CacheTreeNode, b: CacheTreeNode): number {
  return a.name.length - b.name.length || a.name.compare(b.name);
}

function decimal(text: string, allowMinusOne: boolean): number {
  if (allowMinusOne && text === '-1') return -1;
  if (!/^[0-9]{1,10}$/.test(text)) throw new Error('malformed');
  return Number(text);
}
