import { createHash } from 'node:crypto';

/**
 * The git index (`.git/index`, "dircache"), versions 2 to 4. Folio edits a few entries of it after
 * each save so that `git status` stays clean; everything else is kept byte for byte. Extensions
 * that a changed entry could make stale are dropped (git rebuilds them), and the ones that change
 * how entries must be read (split and sparse index) are refused instead of misread.
 */

/** One index entry: the on-disk fixed part (stat data, id, flags) and the path bytes. */
export interface IndexEntry {
  /** 62 bytes: ctime, mtime, dev, ino, mode, uid, gid, size, oid, flags. */
  fixed: Buffer;
  /** Extended flags (version 3+), 0 when absent. */
  extended: number;
  path: Buffer;
}

/** A parsed index file. */
export interface GitIndexFile {
  version: number;
  entries: IndexEntry[];
  extensions: { signature: string; data: Buffer }[];
}

/** The index uses a feature Folio does not edit (split or sparse index). */
export class UnsupportedIndexError extends Error {
  constructor(detail: string) {
    super(
      `Folio cannot update this repository's index (${detail}). Run \`git update-index --no-split-index\` or disable sparse index.`,
    );
    this.name = 'UnsupportedIndexError';
  }
}

/** Stat data recorded for a file in the index. */
export interface IndexStat {
  ctimeSeconds: number;
  ctimeNanoseconds: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  dev: number;
  ino: number;
  uid: number;
  gid: number;
  size: number;
}

/** Flag: the entry has a second, extended flags field (index version 3 and later). */
export const EXTENDED_FLAG = 0x4000;
/** Extended flag: the path is outside a sparse checkout (no file in the working tree). */
export const SKIP_WORKTREE = 0x4000;
/** Extended flag: `git add -N`, recorded but not staged. */
export const INTENT_TO_ADD = 0x2000;
const DROPPED_EXTENSIONS = new Set(['TREE', 'UNTR', 'EOIE', 'IEOT', 'FSMN']);

/** The stage of an entry (0, or 1-3 during a merge conflict). */
export function entryStage(entry: IndexEntry): number {
  return (entry.fixed.readUInt16BE(60) >> 12) & 3;
}

/** The blob id recorded by an entry. */
export function entryOid(entry: IndexEntry): string {
  return entry.fixed.toString('hex', 40, 60);
}

/** The file mode recorded by an entry, as git writes it ("100644"). */
export function entryMode(entry: IndexEntry): string {
  return entry.fixed.readUInt32BE(24).toString(8);
}

/** The stat data recorded by an entry. */
export function entryStat(entry: IndexEntry): IndexStat {
  return statAt(entry.fixed, 0);
}

/** The stat data of the index entry whose fixed part starts at `at` in `buf`. */
export function statAt(buf: Buffer, at: number): IndexStat {
  return {
    ctimeSeconds: buf.readUInt32BE(at),
    ctimeNanoseconds: buf.readUInt32BE(at + 4),
    mtimeSeconds: buf.readUInt32BE(at + 8),
    mtimeNanoseconds: buf.readUInt32BE(at + 12),
    dev: buf.readUInt32BE(at + 16),
    ino: buf.readUInt32BE(at + 20),
    uid: buf.readUInt32BE(at + 28),
    gid: buf.readUInt32BE(at + 32),
    size: buf.readUInt32BE(at + 36),
  };
}

/** Builds a stage-0 entry for `path`. */
export function makeEntry(
  path: string,
  oid: string,
  mode: string,
  stat: IndexStat,
  extended = 0,
): IndexEntry {
  const fixed = Buffer.alloc(62);
  const u32 = (value: number, at: number) =>
    fixed.writeUInt32BE(Math.max(0, Math.floor(value)) % 2 ** 32, at);
  u32(stat.ctimeSeconds, 0);
  u32(stat.ctimeNanoseconds, 4);
  u32(stat.mtimeSeconds, 8);
  u32(stat.mtimeNanoseconds, 12);
  u32(stat.dev, 16);
  u32(stat.ino, 20);
  u32(parseInt(mode, 8), 24);
  u32(stat.uid, 28);
  u32(stat.gid, 32);
  u32(stat.size, 36);
  fixed.write(oid, 40, 20, 'hex');
  const bytes = Buffer.from(path, 'utf8');
  fixed.writeUInt16BE((extended ? EXTENDED_FLAG : 0) | Math.min(bytes.length, 0xfff), 60);
  return { fixed, extended, path: bytes };
}

/** Parses an index file; throws on a bad checksum or an unknown required extension. */
export function parseIndex(buf: Buffer): GitIndexFile {
  if (buf.length < 32 || buf.toString('latin1', 0, 4) !== 'DIRC')
    throw new Error('Not a git index file');
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) throw new UnsupportedIndexError(`version ${version}`);
  const body = buf.subarray(0, buf.length - 20);
  const claimed = buf.subarray(buf.length - 20);
  // index.skipHash writes zeros instead of a checksum.
  if (claimed.some((b) => b !== 0) && !createHash('sha1').update(body).digest().equals(claimed)) {
    throw new Error('The git index is corrupt (checksum mismatch)');
  }
  const count = buf.readUInt32BE(8);
  const entries: IndexEntry[] = [];
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    const fixed = buf.subarray(at, at + 62);
    const flags = fixed.readUInt16BE(60);
    at += 62;
    let extended = 0;
    if (flags & EXTENDED_FLAG) {
      extended = buf.readUInt16BE(at);
      at += 2;
    }
    let path: Buffer;
    if (version === 4) {
      const [strip, next] = readVarint(buf, at);
      const end = buf.indexOf(0, next);
      path = Buffer.concat([
        previous.subarray(0, previous.length - strip),
        buf.subarray(next, end),
      ]);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, at);
      path = buf.subarray(at, end);
      at = start + ((at - start + path.length + 8) & ~7);
    }
    if (at > body.length) throw new Error('The git index is truncated');
    entries.push({ fixed, extended, path });
    previous = path;
  }
  const extensions: GitIndexFile['extensions'] = [];
  while (at + 8 <= body.length) {
    const signature = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32BE(at + 4);
    const data = buf.subarray(at + 8, at + 8 + size);
    at += 8 + size;
    if (signature === 'link') throw new UnsupportedIndexError('split index');
    if (signature === 'sdir') throw new UnsupportedIndexError('sparse index');
    if (!/^[A-Z]/.test(signature))
      throw new UnsupportedIndexError(`required extension ${signature}`);
    extensions.push({ signature, data });
  }
  return { version, entries, extensions };
}

/** The index without the extensions that edited entries may have made stale (git rebuilds them). */
export function withoutStaleExtensions(index: GitIndexFile): GitIndexFile {
  return {
    ...index,
    extensions: index.extensions.filter((ext) => !DROPPED_EXTENSIONS.has(ext.signature)),
  };
}

/** Serializes an index, dropping extensions that edited entries may have made stale. */
export function serializeIndex(index: GitIndexFile): Buffer {
  return serializeIndexWithOffsets(index).bytes;
}

/** A serialized index and where each entry starts in it, so that a later save can patch it. */
export interface SerializedIndex {
  bytes: Buffer;
  /** Byte offset of each entry (same order as `entries`). */
  offsets: Uint32Array;
  /** Where the extensions start (the end of the entries). */
  extensionsAt: number;
}

/**
 * serializeIndex, also telling where each entry starts; `cacheTree`, when given, is written as
 * the `TREE` extension (first, as git writes it): the caller vouches that it holds for the entries.
 */
export function serializeIndexWithOffsets(
  index: GitIndexFile,
  cacheTree: Buffer | null = null,
): SerializedIndex {
  const v4 = index.version === 4;
  const extensions = extensionsToWrite(index, cacheTree);
  let size = 12 + 20;
  let previous: Buffer = Buffer.alloc(0);
  const prefixes: number[] = [];
  for (const entry of index.entries) {
    const fixedLength = 62 + (entry.extended !== 0 && index.version >= 3 ? 2 : 0);
    if (v4) {
      const common = commonPrefix(previous, entry.path);
      prefixes.push(common);
      size += fixedLength + varintLength(previous.length - common) + entry.path.length - common + 1;
    } else {
      size += (fixedLength + entry.path.length + 8) & ~7;
    }
    previous = entry.path;
  }
  for (const ext of extensions) size += 8 + ext.data.length;
  const out = Buffer.alloc(size);
  const offsets = new Uint32Array(index.entries.length);
  out.write('DIRC', 0, 'latin1');
  out.writeUInt32BE(index.version, 4);
  out.writeUInt32BE(index.entries.length, 8);
  let at = 12;
  previous = Buffer.alloc(0);
  index.entries.forEach((entry, i) => {
    const start = at;
    offsets[i] = at;
    at = writeEntryHead(out, at, entry, index.version);
    if (v4) {
      const common = prefixes[i]!;
      at = writeVarint(out, at, previous.length - common);
      at += entry.path.copy(out, at, common);
      at += 1; // NUL, already zero
    } else {
      at += entry.path.copy(out, at);
      at = start + ((at - start + 8) & ~7);
    }
    previous = entry.path;
  });
  const extensionsAt = at;
  at = writeExtensions(out, at, extensions);
  createHash('sha1').update(out.subarray(0, at)).digest().copy(out, at);
  return { bytes: out, offsets, extensionsAt };
}

// The extensions an edited index keeps, with `cacheTree` (when given) as its TREE, first.
function extensionsToWrite(
  index: GitIndexFile,
  cacheTree: Buffer | null,
): GitIndexFile['extensions'] {
  const kept = withoutStaleExtensions(index).extensions;
  return cacheTree ? [{ signature: 'TREE', data: cacheTree }, ...kept] : kept;
}

function writeExtensions(out: Buffer, at: number, extensions: GitIndexFile['extensions']): number {
  for (const ext of extensions) {
    out.write(ext.signature, at, 'latin1');
    out.writeUInt32BE(ext.data.length, at + 4);
    at += 8 + ext.data.copy(out, at + 8);
  }
  return at;
}

/**
 * A copy of `previous` (what serializeIndexWithOffsets gave for this index before the edits) with
 * the entries at `positions` rewritten in place, the extensions written anew and the checksum redone. Only valid when those
 * edits replaced entries by entries of the same path and the same size on disk (same extended
 * flag presence) and nothing else changed: a save that updates files git already tracks. A 10,000
 * entry index then costs a copy and a hash instead of a rebuild of every entry.
 */
export function patchIndexEntries(
  previous: SerializedIndex,
  index: GitIndexFile,
  positions: Iterable<number>,
  cacheTree: Buffer | null = null,
): SerializedIndex {
  const extensions = extensionsToWrite(index, cacheTree);
  let size = previous.extensionsAt + 20;
  for (const ext of extensions) size += 8 + ext.data.length;
  const out = Buffer.allocUnsafe(size);
  previous.bytes.copy(out, 0, 0, previous.extensionsAt);
  for (const i of positions)
    writeEntryHead(out, previous.offsets[i]!, index.entries[i]!, index.version);
  const end = writeExtensions(out, previous.extensionsAt, extensions);
  createHash('sha1').update(out.subarray(0, end)).digest().copy(out, end);
  return { bytes: out, offsets: previous.offsets, extensionsAt: previous.extensionsAt };
}

/** The size of an entry's fixed part on disk (with the extended flags when it has them). */
export function entryHeadLength(entry: IndexEntry, version: number): number {
  return entry.extended !== 0 && version >= 3 ? 64 : 62;
}

// The stat data, id, flags and extended flags of an entry; returns where its path starts.
function writeEntryHead(out: Buffer, at: number, entry: IndexEntry, version: number): number {
  const hasExtended = entry.extended !== 0 && version >= 3;
  entry.fixed.copy(out, at, 0, 60);
  const flags =
    (entry.fixed.readUInt16BE(60) & 0xb000) |
    (hasExtended ? EXTENDED_FLAG : 0) |
    Math.min(entry.path.length, 0xfff);
  out.writeUInt16BE(flags, at + 60);
  at += 62;
  if (hasExtended) at = out.writeUInt16BE(entry.extended, at);
  return at;
}

function commonPrefix(a: Buffer, b: Buffer): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Index of the first entry whose path is `path` (any stage), or where it would be inserted. */
export function findEntry(
  entries: readonly IndexEntry[],
  path: Buffer,
): { at: number; found: boolean } {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.path.compare(path) < 0) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: lo < entries.length && entries[lo]!.path.equals(path) };
}

// Index v4 path prefixes use git's "offset" varint (as in pack files), not LEB128.
function readVarint(buf: Buffer, at: number): [number, number] {
  let byte = buf[at++]!;
  let value = byte & 0x7f;
  while (byte & 0x80) {
    byte = buf[at++]!;
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return [value, at];
}

function varintLength(value: number): number {
  let length = 1;
  while ((value >>= 7)) {
    value--;
    length++;
  }
  return length;
}

function writeVarint(out: Buffer, at: number, value: number): number {
  const bytes = [value & 0x7f];
  while ((value >>= 7)) bytes.unshift(0x80 | (--value & 0x7f));
  for (const byte of bytes) out[at++] = byte;
  return at;
}
