import fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { readAlternateDirs } from './alternates.ts';
import { type CommitFields, serializeCommit } from './commitObject.ts';
import { type CommitInfo, parseCommit } from './commitParser.ts';
import { readLoose } from './looseObject.ts';
import { MissingObjectError, ObjectUnavailableError } from './objectErrors.ts';
import { LruCache } from './lruCache.ts';
import type { DeltaBaseCache, StoredObject } from './PackReader.ts';
import { PackStore } from './PackStore.ts';
import { readPromisorRemote } from './partialClone.ts';
import { ShallowCommits } from './shallow.ts';
import {
  EMPTY_TREE_OID,
  type TreeEntry,
  findTreeEntry,
  isTreeMode,
  parseTree,
  serializeTree,
} from './treeObject.ts';
import { type ObjectType, hashObject, writeLooseObject } from './writeLooseObject.ts';

export { MissingObjectError, ObjectUnavailableError };

/**
 * Reads and writes the objects of one repository. New objects are written loose through
 * isomorphic-git (atomically); loose objects are read with Node's native zlib; packed ones come from Folio's own pack reader (bounded delta base cache, reads only
 * the bytes it needs), with isomorphic-git as the fallback for packs it does not read (version 1
 * indexes). Objects of `objects/info/alternates` (and of theirs) are found too. Trees and commits
 * are cached by id. In a shallow clone, the commits of `.git/shallow` read as root commits, as git
 * shows them; in a partial clone, a missing object is an `ObjectUnavailableError`.
 */
export class ObjectStore {
  private gitCache: object = {};
  private packDirStamp: number | null = null;
  // Budgets measured at 10,000 posts / 10,000 commits: smaller ones made no read slower (a big
  // folder's tree is 400 KB, so 16 MB still holds the trees of dozens of heads), larger ones only
  // raised the peak memory of the history index build.
  private readonly trees = new LruCache<string, Buffer>(16 * 1024 * 1024, (b) => b.length + 64);
  private readonly commits = new LruCache<string, CommitInfo>(20_000);
  private readonly deltaBases = new LruCache<string, StoredObject>(
    32 * 1024 * 1024,
    (o) => o.content.length + 64,
  );
  private readonly objectsDir: string;
  private sources: { dir: string; packs: PackStore }[] | null = null;
  private readonly pending = new Set<Promise<void>>();
  /**
   * Objects whose write is still under way, readable meanwhile: in a batch of saves, the next save
   * of the same file reads the blob the previous one just wrote, before it is on disk.
   */
  private readonly staged = new Map<string, StoredObject>();
  private failure: unknown = null;
  /** Objects whose write failed: kept in `staged` until the next flush reports the failure. */
  private readonly failedWrites = new Set<string>();
  private readonly shallow: ShallowCommits;
  private promisor: Promise<string | null> | null = null;

  constructor(private readonly commonDir: string) {
    this.objectsDir = join(commonDir, 'objects');
    this.shallow = new ShallowCommits(join(commonDir, 'shallow'));
  }

  /**
   * Re-reads `.git/shallow` if it changed (one stat): history readers call it once per request,
   * so that `git fetch --deepen` or `--unshallow` shows. Commits read before are forgotten then.
   */
  refreshShallow(): void {
    if (this.shallow.refresh()) this.commits.clear();
  }

  /** True for a commit at the boundary of a shallow clone: its parents are not in this clone. */
  isShallow(oid: string): boolean {
    return this.shallow.has(oid);
  }

  /** Fingerprint of the shallow boundary ('' for a complete history), for caches built on it. */
  get shallowFingerprint(): string {
    return this.shallow.fingerprint;
  }

  /**
   * Raw content of object `oid`, checked to be of `type`. With `bases`, delta chains are resolved
   * in that cache instead of the shared one (see `readAny`).
   */
  async read(oid: string, type: ObjectType, bases?: DeltaBaseCache): Promise<Buffer> {
    const found = await this.readAny(oid, bases);
    if (found.type !== type) throw new MissingObjectError(oid, `is a ${found.type}, not a ${type}`);
    return found.content;
  }

  /**
   * Any object by id, loose or packed, here or in an alternate object store. A reader that brings
   * its own `bases` (a long pass such as the history index build) has delta chains resolved there
   * and loose objects kept there by id, and leaves the shared delta-base cache alone.
   */
  async readAny(oid: string, bases?: DeltaBaseCache, rescanned = false): Promise<StoredObject> {
    if (!/^[0-9a-f]{40}$/.test(oid)) throw new MissingObjectError(oid, 'is not an object id');
    const staged = this.staged.get(oid);
    if (staged) return staged;
    const kept = bases?.get(oid, true);
    if (kept) return kept;
    // As git does: the packs first (an in-memory index lookup), then loose files, then the packs
    // again after checking whether a repack added new ones. Most objects are packed, so most reads
    // make no failed open() of a loose file.
    const sources = await this.objectSources();
    const resolveRef = (base: string): Promise<StoredObject> => this.readAny(base, bases);
    for (const source of sources) {
      const packed = await source.packs.read(oid, resolveRef, bases, false);
      if (packed) return packed;
    }
    for (const source of sources) {
      const loose = await readLoose(source.dir, oid);
      if (loose) {
        bases?.set(oid, loose, true);
        return loose;
      }
    }
    for (const source of sources) {
      const packed = await source.packs.read(oid, resolveRef, bases);
      if (packed) return packed;
    }
    // Asking isomorphic-git about an id nobody has would load whole packs into memory: only when
    // one of them was skipped can it know more.
    if ((await this.objectSources()).some((source) => source.packs.skipped > 0)) {
      const found = await this.readWithIsomorphicGit(oid).catch((err: unknown) => {
        if (rescanned || !(err instanceof MissingObjectError)) throw err;
        return null;
      });
      if (found) return found;
    }
    this.promisor ??= readPromisorRemote(this.commonDir);
    if (!rescanned && !(await this.promisor)) {
      // As git does on a miss (reprepare_packed_git): `git repack` / `gc` may be between writing
      // a new pack and deleting the loose objects and old packs it replaces. List again, once
      // (not in a partial clone, where a miss is expected and says so at once).
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const source of sources) source.packs.invalidate();
      return this.readAny(oid, bases, true);
    }
    throw await this.missing(oid);
  }

  /** The error for an object nobody has: unavailable in a partial clone, else missing. */
  private async missing(oid: string): Promise<MissingObjectError> {
    this.promisor ??= readPromisorRemote(this.commonDir);
    const remote = await this.promisor;
    return remote ? new ObjectUnavailableError(oid, remote) : new MissingObjectError(oid);
  }

  /** Content of a blob. */
  readBlob(oid: string): Promise<Buffer> {
    return this.read(oid, 'blob');
  }

  /**
   * Raw content of a tree (cached: trees are immutable). With `bases`, for a reader with a cache
   * of its own, the read goes through that cache (see `readAny`) and this one does not keep it.
   */
  async readTree(oid: string, bases?: DeltaBaseCache): Promise<Buffer> {
    if (oid === EMPTY_TREE_OID) return Buffer.alloc(0);
    const hit = this.trees.get(oid);
    if (hit) return hit;
    const content = await this.read(oid, 'tree', bases);
    if (!bases) this.trees.set(oid, content);
    return content;
  }

  /** Parsed entries of a tree. */
  async readTreeEntries(oid: string): Promise<TreeEntry[]> {
    return parseTree(await this.readTree(oid));
  }

  /** A parsed commit (cached); a shallow commit has no parents, as `git log` shows it. */
  async readCommit(oid: string): Promise<CommitInfo> {
    const hit = this.commits.get(oid);
    if (hit) return hit;
    const parsed = parseCommit(oid, await this.read(oid, 'commit'));
    const commit = this.shallow.has(oid) ? { ...parsed, parents: [] } : parsed;
    this.commits.set(oid, commit);
    return commit;
  }

  /** The entry at `path` ("a/b/c.md") under tree `treeOid`, or null; walks only the trees on the path. */
  async lookup(treeOid: string, path: string): Promise<TreeEntry | null> {
    let current: TreeEntry = { mode: '40000', name: Buffer.alloc(0), oid: treeOid };
    for (const segment of path.split('/')) {
      if (!isTreeMode(current.mode)) return null;
      const found = findTreeEntry(await this.readTree(current.oid), Buffer.from(segment, 'utf8'));
      if (!found) return null;
      current = found;
    }
    return current;
  }

  /**
   * Stores a blob and returns its id. Object writes start at once and run in parallel; `flush()`
   * waits for all of them, which a commit does before any ref may point at them.
   */
  async writeBlob(content: Uint8Array): Promise<string> {
    return this.stage('blob', content);
  }

  /** Stores a tree made of `entries` and returns its id (see writeBlob). */
  async writeTree(entries: readonly TreeEntry[]): Promise<string> {
    return this.writeRawTree(serializeTree(entries));
  }

  /** Stores raw tree content (entries already in git's order) and returns its id (see writeBlob). */
  async writeRawTree(content: Buffer): Promise<string> {
    const oid = this.stage('tree', content);
    this.trees.set(oid, content);
    return oid;
  }

  /** Stores an object copied as it is (from another repository) and returns its id (see writeBlob). */
  async writeRaw(type: ObjectType, content: Uint8Array): Promise<string> {
    return type === 'tree' ? this.writeRawTree(Buffer.from(content)) : this.stage(type, content);
  }

  /** Stores a commit and returns its id (see writeBlob). */
  async writeCommit(fields: CommitFields): Promise<string> {
    return this.stage('commit', serializeCommit(fields));
  }

  /** Waits until every object written so far is on disk; throws if one of the writes failed. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    // A failed write fails the commit that flushes after it (failing safe, never a dangling ref).
    // Until then its object stayed readable, so that the batch fails with the write's own error
    // (a full disk, a read-only file system) rather than with a missing object.
    for (const oid of this.failedWrites) this.staged.delete(oid);
    this.failedWrites.clear();
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  private stage(type: ObjectType, content: Uint8Array): string {
    const oid = hashObject(type, content);
    const write = writeLooseObject(this.objectsDir, oid, type, content);
    this.pending.add(write);
    const view = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    this.staged.set(oid, { type, content: view });
    // Handled here so a write nobody flushes cannot crash the process; flush() reports it.
    write.then(
      () => {
        this.pending.delete(write);
        this.staged.delete(oid);
      },
      (err: unknown) => {
        this.pending.delete(write);
        this.failedWrites.add(oid);
        this.failure ??= err;
      },
    );
    return oid;
  }

  /** Drops isomorphic-git's pack cache (the fallback reader's), after `git gc` replaced the packs. */
  resetPackCache(): void {
    this.gitCache = {};
    this.packDirStamp = null;
  }

  private async readPackDirStamp(): Promise<number> {
    return (await stat(join(this.objectsDir, 'pack')).catch(() => null))?.mtimeMs ?? 0;
  }

  private async objectSources(): Promise<{ dir: string; packs: PackStore }[]> {
    if (this.sources) return this.sources;
    const dirs = [this.objectsDir, ...(await readAlternateDirs(this.objectsDir))];
    this.sources = dirs.map((dir) => ({ dir, packs: new PackStore(dir, this.deltaBases) }));
    return this.sources;
  }

  // Only reached for objects Folio's pack reader did not find: missing ones, or packs it skipped.
  private async readWithIsomorphicGit(oid: string, retried = false): Promise<StoredObject> {
    if (this.packDirStamp === null) this.packDirStamp = await this.readPackDirStamp();
    try {
      const result = await git.readObject({
        fs,
        gitdir: this.commonDir,
        oid,
        format: 'content',
        cache: this.gitCache,
      });
      const object = result.object as Uint8Array;
      return {
        type: result.type,
        content: Buffer.from(object.buffer, object.byteOffset, object.byteLength),
      };
    } catch (err) {
      const code = (err as { code?: string }).code;
      // A repack may have replaced the pack files the cache points at: reload once before giving
      // up, but only when the pack folder changed, so that asking for unknown ids stays cheap.
      if (!retried && (code === 'NotFoundError' || code === 'InternalError' || code === 'ENOENT')) {
        if ((await this.readPackDirStamp()) !== this.packDirStamp) {
          this.resetPackCache();
          return this.readWithIsomorphicGit(oid, true);
        }
      }
      if (code === 'NotFoundError') throw await this.missing(oid);
      throw err;
    }
  }
}
