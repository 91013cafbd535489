import { createHash, hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { cachedTreeOf } from './cacheTree.ts';
import { indexTimeMs } from './fileStat.ts';
import { EXTENDED_FLAG, INTENT_TO_ADD, type IndexStat, statAt } from './indexFile.ts';
import type { ObjectStore } from './ObjectStore.ts';
import type { FileDelta } from './treeDiff.ts';
import { isTreeMode } from './treeObject.ts';

const SLASH = 0x2f;
const TREE_MODE_BYTES = Buffer.from('40000', 'latin1');

/**
 * Where each entry of a version 2 or 3 git index lies in the file: its 62-byte fixed part (stat
 * data, mode at +24, id at +40, flags at +60) and its path bytes. Read in place, without copies:
 * this runs over every file of the site on a cold start.
 */
interface IndexLayout {
  buf: Buffer;
  /** When the index file was written (ms); entries changed in that clock tick or later are racy. */
  writtenMs: number;
  count: number;
  fixed: Int32Array;
  pathEnd: Int32Array;
  /** Entries that a tree cannot hold as they are: a merge stage, `git add -N`, a sparse folder. */
  unusual: Uint8Array;
  /** git's cache-tree extension, when the index has one and its checksum holds. */
  cacheTree: Buffer | null;
}

/** A file listed from the index, with the stat data that vouch for its working-tree copy (if any). */
export interface IndexedFileDelta extends FileDelta {
  after: { mode: string; oid: string; recorded?: IndexStat } | null;
}

/**
 * Lists the files under each of `dirs` of tree `tree` from the git index instead of from tree
 * objects. The index is one file; the same listing from trees reads one object per folder
 * (thousands in a site of page bundles), each maybe a chain of deltas in a pack. Never assumed:
 * a folder's listing is returned only when its index entries make the tree's own id for it, as
 * git's cache tree records (a clone, a commit by git; only from an index whose checksum holds) or
 * else as hashing them into tree objects the way `git write-tree` does shows. For a folder where
 * they do not (staged changes, a merge in progress) the answer is null, and all are null without
 * an index Folio reads this way (missing, corrupt, version 4, split): list from the trees.
 * Each file comes with the stat data the index recorded for it, unless the entry is racy.
 */
export async function listFilesFromIndex(
  store: ObjectStore,
  gitdir: string,
  tree: string,
  dirs: readonly string[],
): Promise<(IndexedFileDelta[] | null)[]> {
  const index = await readIndex(join(gitdir, 'index'));
  return Promise.all(dirs.map((dir) => (index ? listDir(store, index, tree, dir) : null)));
}

async function listDir(
  store: ObjectStore,
  index: IndexLayout,
  tree: string,
  dir: string,
): Promise<IndexedFileDelta[] | null> {
  const expected = dir ? await store.lookup(tree, dir) : { mode: '40000', oid: tree };
  if (!expected || !isTreeMode(expected.mode)) return null;
  const prefix = Buffer.from(dir ? `${dir}/` : '', 'utf8');
  const [start, end] = rangeUnder(index, prefix);
  if (start === end) return null;
  for (let i = start; i < end; i++) if (index.unusual[i]) return null;
  if (!makesTree(index, dir, prefix.length, [start, end], expected.oid)) return null;
  const { buf, fixed, pathEnd } = index;
  const files: IndexedFileDelta[] = [];
  for (let i = start; i < end; i++) {
    const at = fixed[i]!;
    const after: NonNullable<IndexedFileDelta['after']> = {
      mode: modeOf(buf, at),
      oid: buf.toString('hex', at + 40, at + 60),
    };
    const stat = statAt(buf, at);
    // Not racy: changed before the index was written, so an edit since shows in the stat data.
    if (indexTimeMs(stat.mtimeSeconds, stat.mtimeNanoseconds) + 0.002 < index.writtenMs)
      after.recorded = stat;
    files.push({
      path: buf.toString('utf8', pathStart(index, i), pathEnd[i]),
      before: null,
      after,
    });
  }
  return files;
}

// The index's bytes and the time it was written, from one open file; null when it cannot be read.
async function readIndex(path: string): Promise<IndexLayout | null> {
  const handle = await open(path).catch(() => null);
  if (!handle) return null;
  try {
    const [info, buf] = [await handle.stat(), await handle.readFile()];
    return scanIndex(buf, info.mtimeMs);
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

// Entries and their places; null for what this reader does not take (version 4, a short file).
function scanIndex(buf: Buffer, writtenMs: number): IndexLayout | null {
  if (buf.length < 32 || buf.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = buf.readUInt32BE(4);
  if (version !== 2 && version !== 3) return null;
  const count = buf.readUInt32BE(8);
  const layout: IndexLayout = {
    buf,
    writtenMs,
    count,
    fixed: new Int32Array(count),
    pathEnd: new Int32Array(count),
    unusual: new Uint8Array(count),
    cacheTree: null,
  };
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 62 > buf.length - 20) return null;
    const flags = (buf[at + 60]! << 8) | buf[at + 61]!;
    let path = at + 62;
    if (flags & EXTENDED_FLAG) {
      if (version < 3) return null;
      if (((buf[path]! << 8) | buf[path + 1]!) & INTENT_TO_ADD) layout.unusual[i] = 1;
      path += 2;
    }
    if ((flags >> 12) & 3) layout.unusual[i] = 1;
    // A sparse index's folder entry (mode 040000) stands for every file under it.
    if (buf.readUInt32BE(at + 24) >>> 12 === 0o04) layout.unusual[i] = 1;
    // The flags hold the path's length unless it is 4095 bytes or more.
    const length = flags & 0xfff;
    const end = length < 0xfff ? path + length : buf.indexOf(0, path + length);
    if (end < path || end >= buf.length - 20 || buf[end] !== 0) return null;
    layout.fixed[i] = at;
    layout.pathEnd[i] = end;
    // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
    at += (end - at + 8) & ~7;
  }
  // Extensions: a signature and a size each, up to the checksum.
  const checksumAt = buf.length - 20;
  let tree: Buffer | null = null;
  while (at + 8 <= checksumAt) {
    const signature = buf.toString('latin1', at, at + 4);
    const next = at + 8 + buf.readUInt32BE(at + 4);
    if (next > checksumAt) return null;
    // A split index keeps most entries in another file.
    if (signature === 'link') return null;
    if (signature === 'TREE') tree = buf.subarray(at + 8, next);
    at = next;
  }
  // Trusted as git trusts it, from an index git wrote whole (not with index.skipHash).
  if (
    tree &&
    at === checksumAt &&
    sha1(buf.subarray(0, checksumAt)).equals(buf.subarray(checksumAt))
  )
    layout.cacheTree = tree;
  return layout;
}

/**
 * Whether the index entries [start, end), all of folder `dir` (`skip` bytes of path prefix), make
 * tree `oid`: as git's cache tree records it when it has the folder, else hashed from the entries
 * as `git write-tree` would.
 */
function makesTree(
  index: IndexLayout,
  dir: string,
  skip: number,
  [start, end]: [number, number],
  oid: string,
): boolean {
  const cached = index.cacheTree && cachedTreeOf(index.cacheTree, dir);
  if (cached) return cached.oid === oid && cached.entries === end - start;
  const built = hashTree(index, start, end, skip, { buf: Buffer.allocUnsafe(64 * 1024) }, 0);
  return built.oid.toString('hex') === oid && built.next === end;
}

function sha1(bytes: Buffer): Buffer {
  return createHash('sha1').update(bytes).digest();
}

function pathStart(index: IndexLayout, i: number): number {
  const at = index.fixed[i]!;
  return at + 62 + (index.buf.readUInt16BE(at + 60) & EXTENDED_FLAG ? 2 : 0);
}

// The entries whose path starts with `prefix`: one run, since the index is sorted by path bytes.
function rangeUnder(index: IndexLayout, prefix: Buffer): [number, number] {
  let start = 0;
  while (start < index.count && !hasPrefix(index, start, prefix, prefix.length)) start++;
  let end = start;
  while (end < index.count && hasPrefix(index, end, prefix, prefix.length)) end++;
  return [start, end];
}

// Whether entry i's path starts with the first `length` bytes of `prefix`.
function hasPrefix(index: IndexLayout, i: number, prefix: Uint8Array, length: number): boolean {
  const start = pathStart(index, i);
  if (index.pathEnd[i]! - start < length) return false;
  for (let k = 0; k < length; k++) if (index.buf[start + k] !== prefix[k]) return false;
  return true;
}

/**
 * The id of the tree made of entries [start, ...) that share the first `skip` path bytes, as git
 * writes it, and where that folder's entries end. Index order is tree order (a folder sorts as
 * `name/`), so one pass suffices; an index out of order just gives an id that does not match.
 *
 * Every folder's tree is written into one scratch buffer, a subfolder's after its parent's part
 * (a stack), header first, and hashed in one call: a buffer, a hash object and a view per entry
 * for each of a site's thousands of page bundles cost more than the hashing (a cold start without
 * git's cache tree).
 */
function hashTree(
  index: IndexLayout,
  start: number,
  end: number,
  skip: number,
  scratch: { buf: Buffer },
  base: number,
): { oid: Buffer; next: number } {
  const { buf, fixed, pathEnd } = index;
  const folderAt = pathStart(index, start);
  // Entries are "<mode> <name>\0<20-byte id>", after room for the "tree <size>\0" header.
  const bodyAt = base + HEADER_ROOM;
  let size = 0;
  let i = start;
  while (i < end && samePrefix(index, i, folderAt, skip)) {
    const nameStart = pathStart(index, i) + skip;
    let slash = nameStart;
    while (slash < pathEnd[i]! && buf[slash] !== SLASH) slash++;
    const nameLength = slash - nameStart;
    if (slash === pathEnd[i]) {
      const mode = modeBytes(buf, fixed[i]!);
      size = reserve(scratch, bodyAt, size, mode.length + 2 + nameLength + 20);
      const out = scratch.buf;
      let at = bodyAt + size;
      for (let k = 0; k < mode.length; k++) out[at++] = mode[k]!;
      out[at++] = 0x20;
      at += buf.copy(out, at, nameStart, slash);
      out[at++] = 0;
      at += buf.copy(out, at, fixed[i]! + 40, fixed[i]! + 60);
      size = at - bodyAt;
      i++;
    } else {
      // The subfolder's tree goes after this one's part (and the entry's room) in the scratch buffer.
      const room = TREE_MODE_BYTES.length + 2 + nameLength + 20;
      size = reserve(scratch, bodyAt, size, room);
      const sub = hashTree(
        index,
        i,
        end,
        slash - pathStart(index, i) + 1,
        scratch,
        bodyAt + size + room,
      );
      const out = scratch.buf;
      let at = bodyAt + size;
      at += TREE_MODE_BYTES.copy(out, at);
      out[at++] = 0x20;
      at += buf.copy(out, at, nameStart, slash);
      out[at++] = 0;
      at += sub.oid.copy(out, at);
      size = at - bodyAt;
      i = sub.next;
    }
  }
  const header = `tree ${size}\0`;
  const headerAt = bodyAt - header.length;
  scratch.buf.write(header, headerAt, 'latin1');
  const oid = hash('sha1', scratch.buf.subarray(headerAt, bodyAt + size), 'buffer');
  return { oid, next: i };
}

// Room before a tree's entries for its header ("tree " and up to 20 digits and a NUL).
const HEADER_ROOM = 32;

// Makes room for `needed` more bytes after the `size` used at `bodyAt`; returns `size`.
function reserve(scratch: { buf: Buffer }, bodyAt: number, size: number, needed: number): number {
  const want = bodyAt + size + needed + HEADER_ROOM;
  if (want > scratch.buf.length) {
    const grown = Buffer.allocUnsafe(Math.max(scratch.buf.length * 2, want));
    scratch.buf.copy(grown, 0, 0, bodyAt + size);
    scratch.buf = grown;
  }
  return size;
}

// Whether entry i's path starts with the `length` bytes at `at` in the index (another entry's path).
function samePrefix(index: IndexLayout, i: number, at: number, length: number): boolean {
  const start = pathStart(index, i);
  if (index.pathEnd[i]! - start < length) return false;
  const buf = index.buf;
  for (let k = 0; k < length; k++) if (buf[start + k] !== buf[at + k]) return false;
  return true;
}

// The mode as a tree writes it (100644, 100755, 120000, 160000).
function modeOf(buf: Buffer, fixedAt: number): string {
  return buf.readUInt32BE(fixedAt + 24).toString(8);
}

const MODE_BYTES = new Map<number, Buffer>();
function modeBytes(buf: Buffer, fixedAt: number): Buffer {
  const mode = buf.readUInt32BE(fixedAt + 24);
  let bytes = MODE_BYTES.get(mode);
  if (!bytes) MODE_BYTES.set(mode, (bytes = Buffer.from(mode.toString(8), 'latin1')));
  return bytes;
}
