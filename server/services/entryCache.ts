import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { fitsOneByte, oneByte } from './foldText.ts';
import type { DocumentSummary } from './summarizeDocument.ts';

/**
 * Bump when DocumentSummary, summarizeDocument's output or this layout changes: a cache written by
 * another version is then ignored and rebuilt.
 */
export const ENTRY_CACHE_VERSION = 13;

const MAGIC = Buffer.from('FOLIOEC\n', 'latin1');
const HEADER = MAGIC.length + 4 + 4;

/** One entry of the cached file list. */
export type CachedFile = [
  path: string,
  oid: string,
  mode: string,
  root: number,
  collection: string,
  lang: string | null,
  slug: string,
  bundle: 'leaf' | 'branch' | null,
];

/** What Folio persists of its entry index between runs. */
export interface PersistedEntries {
  /** siteConfigStamp of `tree`: the file list below is valid only under the same configuration. */
  configStamp: string;
  /** The head tree the file list was taken from. */
  tree: string;
  /**
   * Every entry at `tree`: path, blob id, mode and where it sits (as classifyEntryPath said under
   * the configuration of `configStamp`; the root as an index into its roots).
   */
  files: CachedFile[];
  /** Parsed summaries by blob id (valid whatever the head: a blob never changes). */
  docs: [oid: string, doc: DocumentSummary][];
}

// The summaries are written in frames of this many: serializing all 10,000 at once took about 40
// MB of memory for a moment (the server's peak, at shutdown and every half minute of saves), and
// each frame is serialized in one go, between requests: 1,000 long posts kept them waiting for
// 50-120 ms, 250 for a quarter of that.
const FRAME_DOCS = 250;

/**
 * Reads the cache at `file`; null when it is missing, written by another version, truncated or
 * corrupt (checked by a CRC-32 of everything after the header: it guards against torn and damaged
 * files, not attackers, and costs 4 ms where a SHA-1 cost 35 at 10,000 posts), so that a bad file
 * only costs a rebuild. After the header come frames, each a length and a v8-serialized value:
 * the file list first, then the summaries in groups.
 */
export async function loadEntryCache(file: string): Promise<PersistedEntries | null> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return null;
  }
  try {
    if (buf.length < HEADER || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    if (buf.readUInt32BE(MAGIC.length) !== ENTRY_CACHE_VERSION) return null;
    if (crc32(buf.subarray(HEADER)) !== buf.readUInt32BE(MAGIC.length + 4)) return null;
    const frames: unknown[] = [];
    for (let at = HEADER; at < buf.length;) {
      const length = buf.readUInt32BE(at);
      frames.push(deserialize(buf.subarray(at + 4, at + 4 + length)));
      at += 4 + length;
    }
    const [meta, ...docFrames] = frames as [Omit<PersistedEntries, 'docs'>, ...StoredDocs[]];
    const docs: PersistedEntries['docs'] = [];
    for (const frame of docFrames) {
      const read = fromStored(frame);
      if (!read) return null;
      docs.push(...read);
    }
    const value = { configStamp: meta.configStamp, tree: meta.tree, files: meta.files, docs };
    return isPersistedEntries(value) ? value : null;
  } catch {
    return null;
  }
}

/** Writes the cache atomically (temporary file in the same folder, then rename), a frame at a time. */
export async function saveEntryCache(file: string, value: PersistedEntries): Promise<void> {
  // Only Folio's own folder is made: a git directory that is gone (the repository was removed
  // while Folio ran) stays gone, and the write fails with ENOENT.
  await mkdir(dirname(file)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const tmp = join(dirname(file), `.entry-cache-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      const header = Buffer.alloc(HEADER);
      MAGIC.copy(header, 0);
      header.writeUInt32BE(ENTRY_CACHE_VERSION, MAGIC.length);
      await handle.writeFile(header);
      let crc = 0;
      const writeFrame = async (frame: unknown): Promise<void> => {
        const payload = serialize(frame);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(payload.length);
        crc = crc32(payload, crc32(length, crc));
        await handle.writeFile(length);
        await handle.writeFile(payload);
      };
      await writeFrame({ configStamp: value.configStamp, tree: value.tree, files: value.files });
      for (let i = 0; i < value.docs.length; i += FRAME_DOCS)
        await writeFrame(toStored(value.docs.slice(i, i + FRAME_DOCS)));
      header.writeUInt32BE(crc, MAGIC.length + 4);
      await handle.write(header, 0, HEADER, 0);
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * On disk, a frame's search texts (most of the bytes) are one string with their lengths:
 * (de)serializing one long string is a copy, and the texts read back as slices of it.
 */
interface StoredDocs {
  oids: string[];
  docs: Omit<DocumentSummary, 'search'>[];
  search: string;
  searchLengths: number[];
}

function toStored(entries: PersistedEntries['docs']): StoredDocs {
  const oids: string[] = [];
  const docs: Omit<DocumentSummary, 'search'>[] = [];
  const texts: string[] = [];
  const searchLengths: number[] = [];
  for (const [oid, { search, ...doc }] of entries) {
    // Not filled in yet (see SearchTextFill): left out, so the next start parses the file again.
    if (search === null) continue;
    oids.push(oid);
    docs.push(doc);
    texts.push(search);
    searchLengths.push(search.length);
  }
  return { oids, docs, search: texts.join(''), searchLengths };
}

function fromStored(stored: StoredDocs): PersistedEntries['docs'] | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { oids, docs, search, searchLengths } = stored;
  if (!Array.isArray(oids) || !Array.isArray(docs) || !Array.isArray(searchLengths)) return null;
  if (typeof search !== 'string') return null;
  if (oids.length !== docs.length || docs.length !== searchLengths.length) return null;
  const out: [string, DocumentSummary][] = [];
  // One text that needs two bytes a character makes the whole frame's string two-byte, and its
  // slices with it: those that fit in one are copied out (see oneByte).
  const cut = fitsOneByte(search) ? (text: string) => text : oneByte;
  let at = 0;
  for (let i = 0; i < oids.length; i++) {
    const length = searchLengths[i]!;
    if (typeof length !== 'number' || length < 0 || at + length > search.length) return null;
    const doc = docs[i];
    if (typeof doc !== 'object' || doc === null) return null;
    // The objects are fresh from deserialize: completing them in place spares a copy of each.
    (doc as DocumentSummary).search = cut(search.slice(at, at + length));
    out.push([oids[i]!, doc as DocumentSummary]);
    at += length;
  }
  return at === search.length ? out : null;
}

function isPersistedEntries(value: unknown): value is PersistedEntries {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<PersistedEntries>;
  if (typeof v.configStamp !== 'string' || typeof v.tree !== 'string') return false;
  if (!Array.isArray(v.files) || !Array.isArray(v.docs)) return false;
  for (const f of v.files) if (!isCachedFile(f)) return false;
  for (const d of v.docs) if (!Array.isArray(d) || !isOid(d[0]) || !isSummary(d[1])) return false;
  return true;
}

function isCachedFile(f: unknown): f is CachedFile {
  return (
    Array.isArray(f) &&
    f.length === 8 &&
    typeof f[0] === 'string' &&
    isOid(f[1]) &&
    typeof f[2] === 'string' &&
    typeof f[3] === 'number' &&
    typeof f[4] === 'string' &&
    (f[5] === null || typeof f[5] === 'string') &&
    typeof f[6] === 'string' &&
    (f[7] === null || f[7] === 'leaf' || f[7] === 'branch')
  );
}

function isOid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{40}$/.test(value);
}

function isSummary(value: unknown): value is DocumentSummary {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.format === 'string' &&
    isStringOrNull(d.title) &&
    isStringOrNull(d.date) &&
    (d.dateValue === null || typeof d.dateValue === 'number') &&
    (d.values === null || (typeof d.values === 'object' && !Array.isArray(d.values))) &&
    typeof d.draft === 'boolean' &&
    isStrings(d.flags) &&
    isNumberRecordOrNull(d.instants) &&
    isNumberRecordOrNull(d.wallTimes) &&
    isStrings(d.tags) &&
    isStrings(d.categories) &&
    isStrings(d.authors) &&
    isStringOrNull(d.fields) &&
    isStringOrNull(d.translationKey) &&
    typeof d.search === 'string' &&
    isProblemOrNull(d.error)
  );
}

function isProblemOrNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.message === 'string' &&
    (p.line === undefined || typeof p.line === 'number') &&
    (p.column === undefined || typeof p.column === 'number')
  );
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isNumberRecordOrNull(value: unknown): value is Record<string, number> | null {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  for (const v of Object.values(value as Record<string, unknown>))
    if (typeof v !== 'number') return false;
  return true;
}
