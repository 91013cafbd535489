import type { ObjectStore } from './ObjectStore.ts';
import { type RawEntry, compareRaw, rawOid, readRawEntry, sameRaw } from './rawTree.ts';
import { EMPTY_TREE_OID, isTreeMode } from './treeObject.ts';
import { entryBoundaries } from './treeOffsets.ts';

/** A file (blob, symlink or submodule) that differs between two trees. */
export interface FileDelta {
  /** Path with `/` separators; names that are not UTF-8 are decoded lossily. */
  path: string;
  before: { mode: string; oid: string } | null;
  after: { mode: string; oid: string } | null;
}

/**
 * Lists the files that differ between two trees, descending only into subtrees whose ids differ;
 * so comparing two heads costs what changed between them, not the size of the repository.
 * `prefix` limits the comparison to one folder ("content/blog").
 */
export async function diffTrees(
  store: ObjectStore,
  before: string | null,
  after: string | null,
  prefix = '',
  options: DiffOptions = {},
): Promise<FileDelta[]> {
  const out: FileDelta[] = [];
  const read: TreeReader = options.readTree ?? ((oid) => store.readTree(oid));
  const once = options.treesSeenOnce ?? false;
  if (prefix) {
    const [a, b] = await Promise.all([
      resolveDir(store, before, prefix),
      resolveDir(store, after, prefix),
    ]);
    await diffInto(read, a, b, `${prefix}/`, out, once);
  } else {
    await diffInto(read, before, after, '', out, once);
  }
  return out;
}

/** How a diff reads its trees. */
export interface DiffOptions {
  /**
   * Reads a tree's raw content; by default through the object store's shared cache. A pass over
   * thousands of commits (the history index build) brings its own small cache instead.
   */
  readTree?: TreeReader;
  /**
   * Each tree is diffed once (a pass over every commit): where a big tree's entries start is then
   * found into memory reused from diff to diff, instead of a table kept beside the tree for later
   * diffs. Building a 400 KB tree's table allocates 120 KB: over 10,000 commits, 1.2 GB of garbage.
   */
  treesSeenOnce?: boolean;
}

/** Reads the raw content of a tree. */
export type TreeReader = (oid: string) => Promise<Buffer>;

/** Lists every file under a tree (optionally below `prefix`), as additions. */
export async function listFiles(
  store: ObjectStore,
  tree: string | null,
  prefix = '',
): Promise<FileDelta[]> {
  return diffTrees(store, null, tree, prefix);
}

async function resolveDir(
  store: ObjectStore,
  tree: string | null,
  dir: string,
): Promise<string | null> {
  if (!tree) return null;
  const entry = await store.lookup(tree, dir);
  return entry && isTreeMode(entry.mode) ? entry.oid : null;
}

const NONE = Buffer.alloc(0);

// A merge join over two raw trees in git's order: equal entries are skipped without decoding them.
async function diffInto(
  read: TreeReader,
  a: string | null,
  b: string | null,
  prefix: string,
  out: FileDelta[],
  once: boolean,
): Promise<void> {
  if (a === b) return;
  const [left, right] = await Promise.all([rawOf(read, a), rawOf(read, b)]);
  const starts = once ? borrowBoundaries(left) : entryBoundaries(left);
  try {
    await mergeInto(read, left, right, starts, prefix, out, once);
  } finally {
    if (once && starts) giveBack(starts);
  }
}

async function mergeInto(
  read: TreeReader,
  left: Buffer,
  right: Buffer,
  starts: Uint32Array | null,
  prefix: string,
  out: FileDelta[],
  once: boolean,
): Promise<void> {
  let ia = 0;
  let ib = 0;
  while (ia < left.length || ib < right.length) {
    // Two versions of a big folder are mostly the same bytes: jump over them with memcmp.
    if (starts && ia < left.length && ib < right.length) {
      const skip = equalRun(left, ia, right, ib, starts);
      if (skip > 0) {
        ia += skip;
        ib += skip;
        continue;
      }
    }
    // Fast path, most entries of two versions of a big folder: byte-identical, nothing to decode.
    if (ia < left.length && ib < right.length) {
      const endA = left.indexOf(0, ia) + 21;
      const endB = right.indexOf(0, ib) + 21;
      if (endA - ia === endB - ib && endA > 20 && left.compare(right, ib, endB, ia, endA) === 0) {
        ia = endA;
        ib = endB;
        continue;
      }
    }
    const ea = ia < left.length ? readRawEntry(left, ia) : null;
    const eb = ib < right.length ? readRawEntry(right, ib) : null;
    const order = ea && eb ? compareRaw(left, ea, right, eb) : ea ? -1 : 1;
    if (order === 0 && ea && eb && sameRaw(left, ea, right, eb)) {
      ia = ea.end;
      ib = eb.end;
      continue;
    }
    const l = order <= 0 ? ea : null;
    const r = order >= 0 ? eb : null;
    if (l) ia = l.end;
    if (r) ib = r.end;
    const path =
      prefix + (l ? left : right).toString('utf8', (l ?? r)!.nameStart, (l ?? r)!.nameEnd);
    if (l?.tree || r?.tree) {
      await diffInto(
        read,
        l?.tree ? rawOid(left, l) : null,
        r?.tree ? rawOid(right, r) : null,
        `${path}/`,
        out,
        once,
      );
    }
    const before = l && !l.tree ? side(left, l) : null;
    const after = r && !r.tree ? side(right, r) : null;
    if (before || after) out.push({ path, before, after });
  }
}

/**
 * How many bytes from `ia` in `left` and `ib` in `right` (both entry starts) are whole entries that
 * are byte for byte the same, found by comparing ever smaller blocks instead of entry by entry;
 * `starts` (where left's entries begin) turns the first differing byte into the entry boundary before it.
 */
function equalRun(
  left: Buffer,
  ia: number,
  right: Buffer,
  ib: number,
  starts: Uint32Array,
): number {
  const max = Math.min(left.length - ia, right.length - ib);
  const same = (n: number) => left.compare(right, ib, ib + n, ia, ia + n) === 0;
  let equal: number;
  if (same(max)) equal = max;
  else {
    let lo = 0; // known equal
    let hi = max; // known different
    while (hi - lo > 64) {
      const mid = (lo + hi) >> 1;
      if (same(mid)) lo = mid;
      else hi = mid;
    }
    while (lo < hi && left[ia + lo] === right[ib + lo]) lo++;
    equal = lo;
  }
  if (ia + equal >= left.length && ib + equal >= right.length) return equal;
  // The last entry start at or before the first difference (or the end of the shorter side).
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= ia + equal) lo = mid + 1;
    else hi = mid;
  }
  const boundary = lo > 0 ? starts[lo - 1]! : 0;
  return Math.max(0, boundary - ia);
}

function side(buf: Buffer, entry: RawEntry): { mode: string; oid: string } {
  return { mode: entry.mode, oid: rawOid(buf, entry) };
}

async function rawOf(read: TreeReader, tree: string | null): Promise<Buffer> {
  return !tree || tree === EMPTY_TREE_OID ? NONE : read(tree);
}

/** Trees smaller than this are compared entry by entry (as `entryBoundaries` decides). */
const MIN_TABLE_BYTES = 8 * 1024;
/** Tables not in use, for the next diff; a few, as diffs nest one per folder level. */
const spareTables: Uint32Array[] = [];
const MAX_SPARE_TABLES = 4;

/**
 * Where each entry of `tree` starts, like `entryBoundaries`, written into a spare table that the
 * caller gives back when its diff is done; null for a small or malformed tree.
 */
function borrowBoundaries(tree: Buffer): Uint32Array | null {
  if (tree.length < MIN_TABLE_BYTES) return null;
  const most = Math.ceil(tree.length / 21); // each entry takes at least a NUL and a 20-byte id
  const at = spareTables.findIndex((t) => t.length >= most);
  const table = at >= 0 ? spareTables.splice(at, 1)[0]! : new Uint32Array(most + (most >> 4));
  let count = 0;
  for (let start = 0; start < tree.length;) {
    const nul = tree.indexOf(0, start);
    if (nul === -1 || nul + 21 > tree.length) {
      giveBack(table);
      return null;
    }
    table[count++] = start;
    start = nul + 21;
  }
  return table.subarray(0, count);
}

function giveBack(table: Uint32Array): void {
  if (spareTables.length < MAX_SPARE_TABLES) spareTables.push(new Uint32Array(table.buffer));
}
