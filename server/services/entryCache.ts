import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { DocumentSummary } from './summarizeDocument.ts';

/**
 * Bump when DocumentSummary, summarizeDocument's output or this layout changes: a cache written by
 * another version is then ignored and rebuilt.
 */
export const ENTRY_CACHE_VERSION = 5;

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

/**
 * Reads the cache at `file`; null when it is missing, written by another version, truncated or
 * corrupt (checked by a CRC-32 of its payload: it guards against torn and damaged files, not
 * attackers, and costs 4 ms where a SHA-1 cost 35 at 10,000 posts), so that a bad file only costs a rebuild.
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
    const payload = buf.subarray(HEADER);
    if (crc32(payload) !== buf.readUInt32BE(MAGIC.length + 4)) return null;
    const value = fromStored(deserialize(payload) as StoredEntries);
    return value && isPersistedEntries(value) ? value : null;
  } catch {
    return null;
  }
}

/** Writes the cache atomically (temporary file in the same folder, then rename). */
export async function saveEntryCache(file: string, value: PersistedEntries): Promise<void> {
  const payload = serialize(toStored(value));
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(ENTRY_CACHE_VERSION, MAGIC.length);
  header.writeUInt32BE(crc32(payload), MAGIC.length + 4);
  // Only Folio's own folder is made: a git directory that is gone (the repository was removed
  // while Folio ran) is not created again, the write fails with ENOENT instead.
  await mkdir(dirname(file)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const tmp = join(dirname(file), `.entry-cache-${randomBytes(6).toString('hex')}.tmp`);
  try {
    // Two writes rather than one concatenation: the payload is tens of megabytes at 10,000 posts.
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(header);
      await handle.writeFile(payload);
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
 * On disk, the search texts (most of the bytes) are one string with their lengths: (de)serializing
 * one long string is a copy, and the texts read back as slices of it instead of 10,000 strings.
 */
interface StoredEntries extends Omit<PersistedEntries, 'docs'> {
  oids: string[];
  docs: Omit<DocumentSummary, 'search'>[];
  search: string;
  searchLengths: number[];
}

function toStored(value: PersistedEntries): StoredEntries {
  const oids: string[] = [];
  const docs: Omit<DocumentSummary, 'search'>[] = [];
  const texts: string[] = [];
  const searchLengths: number[] = [];
  for (const [oid, { search, ...doc }] of value.docs) {
    oids.push(oid);
    docs.push(doc);
    texts.push(search);
    searchLengths.push(search.length);
  }
  return { ...value, oids, docs, search: texts.join(''), searchLengths };
}

function fromStored(stored: StoredEntries): PersistedEntries | null {
  const { oids, docs, search, searchLengths, configStamp, tree, files } = stored;
  if (!Array.isArray(oids) || !Array.isArray(docs) || !Array.isArray(searchLengths)) return null;
  if (typeof search !== 'string') return null;
  if (oids.length !== docs.length || docs.length !== searchLengths.length) return null;
  const out: [string, DocumentSummary][] = [];
  let at = 0;
  for (let i = 0; i < oids.length; i++) {
    const length = searchLengths[i]!;
    if (typeof length !== 'number' || length < 0 || at + length > search.length) return null;
    const doc = docs[i];
    if (typeof doc !== 'object' || doc === null) return null;
    // The objects are fresh from deserialize: completing them in place spares a copy of each.
    (doc as DocumentSummary).search = search.slice(at, at + length);
    out.push([oids[i]!, doc as DocumentSummary]);
    at += length;
  }
  if (at !== search.length) return null;
  return { configStamp, tree, files, docs: out };
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
    typeof d.search === 'string' &&
    (d.fields === null || typeof d.fields === 'string') &&
    typeof d.draft === 'boolean' &&
    Array.isArray(d.tags) &&
    Array.isArray(d.categories) &&
    Array.isArray(d.authors)
  );
}
