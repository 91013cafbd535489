import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INTENT_TO_ADD, type IndexEntry, entryStage, parseIndex } from './indexFile.ts';
import type { ObjectStore } from './ObjectStore.ts';
import type { FileDelta } from './treeDiff.ts';
import { TREE_MODE, isTreeMode } from './treeObject.ts';

const SLASH = 0x2f;

/**
 * Lists the files under each of `dirs` of tree `tree` from the git index instead of from tree
 * objects. The index is one file; the same listing from trees reads one object per folder
 * (thousands in a site of page bundles), each maybe a chain of deltas in a pack. Never assumed,
 * always proven: the index entries under a folder are hashed into tree objects as `git write-tree`
 * would, and only when that gives the tree's own id for the folder is its listing returned. For a
 * folder where it does not (staged changes, a merge in progress) the answer is null, and all are
 * null without a readable index: list those from the trees.
 */
export async function listFilesFromIndex(
  store: ObjectStore,
  gitdir: string,
  tree: string,
  dirs: readonly string[],
): Promise<(FileDelta[] | null)[]> {
  let entries: IndexEntry[] | null;
  try {
    entries = parseIndex(await readFile(join(gitdir, 'index'))).entries;
  } catch {
    entries = null;
  }
  return Promise.all(dirs.map((dir) => (entries ? listDir(store, entries, tree, dir) : null)));
}

async function listDir(
  store: ObjectStore,
  entries: IndexEntry[],
  tree: string,
  dir: string,
): Promise<FileDelta[] | null> {
  const expected = dir ? await store.lookup(tree, dir) : { mode: '40000', oid: tree };
  if (!expected || !isTreeMode(expected.mode)) return null;
  const prefix = Buffer.from(dir ? `${dir}/` : '', 'utf8');
  const [start, end] = rangeUnder(entries, prefix);
  if (start === end) return null;
  for (let i = start; i < end; i++) {
    const entry = entries[i]!;
    if (entryStage(entry) !== 0 || entry.extended & INTENT_TO_ADD) return null;
  }
  const built = hashTree(entries, start, end, prefix.length);
  if (built.oid !== expected.oid || built.next !== end) return null;
  const files: FileDelta[] = [];
  for (let i = start; i < end; i++) {
    const { fixed, path } = entries[i]!;
    files.push({
      path: path.toString('utf8'),
      before: null,
      after: { mode: entryMode(fixed), oid: fixed.toString('hex', 40, 60) },
    });
  }
  return files;
}

// The entries whose path starts with `prefix`: one run, since the index is sorted by path bytes.
function rangeUnder(entries: IndexEntry[], prefix: Buffer): [number, number] {
  if (prefix.length === 0) return [0, entries.length];
  let start = 0;
  while (start < entries.length && !startsWith(entries[start]!.path, prefix)) start++;
  let end = start;
  while (end < entries.length && startsWith(entries[end]!.path, prefix)) end++;
  return [start, end];
}

/**
 * The id of the tree made of entries [start, ...) that share the first `skip` path bytes, as git
 * writes it, and where that folder's entries end. Index order is tree order (a folder sorts as
 * `name/`), so one pass suffices; an index out of order just gives an id that does not match.
 */
function hashTree(
  entries: IndexEntry[],
  start: number,
  end: number,
  skip: number,
): { oid: string; next: number } {
  // Each entry of the tree: "<mode> <name>\0" and the 20-byte id.
  const heads: Buffer[] = [];
  const ids: Buffer[] = [];
  let size = 0;
  const folder = entries[start]!.path.subarray(0, skip);
  let i = start;
  while (i < end && startsWith(entries[i]!.path, folder)) {
    const { fixed, path } = entries[i]!;
    const slash = path.indexOf(SLASH, skip);
    let head: Buffer;
    if (slash === -1) {
      head = entryHead(entryMode(fixed), path.subarray(skip));
      ids.push(fixed.subarray(40, 60));
      i++;
    } else {
      const sub = hashTree(entries, i, end, slash + 1);
      head = entryHead(TREE_MODE, path.subarray(skip, slash));
      ids.push(Buffer.from(sub.oid, 'hex'));
      i = sub.next;
    }
    heads.push(head);
    size += head.length + 20;
  }
  const content = Buffer.allocUnsafe(size);
  let at = 0;
  for (let k = 0; k < heads.length; k++) {
    at += heads[k]!.copy(content, at);
    at += ids[k]!.copy(content, at);
  }
  const oid = createHash('sha1').update(`tree ${size}\0`, 'latin1').update(content).digest('hex');
  return { oid, next: i };
}

function entryHead(mode: string, name: Buffer): Buffer {
  const head = Buffer.allocUnsafe(mode.length + 2 + name.length);
  head.write(mode, 0, 'latin1');
  head[mode.length] = 0x20;
  name.copy(head, mode.length + 1);
  head[head.length - 1] = 0;
  return head;
}

// The mode as a tree writes it (100644, 100755, 120000, 160000).
function entryMode(fixed: Buffer): string {
  return fixed.readUInt32BE(24).toString(8);
}

function startsWith(path: Buffer, prefix: Buffer): boolean {
  return (
    path.length >= prefix.length && path.compare(prefix, 0, prefix.length, 0, prefix.length) === 0
  );
}
