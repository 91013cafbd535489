import { readFile, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ObjectStore } from './ObjectStore.ts';
import { type FileStamp, matchesIndexStat, stampOf } from './fileStat.ts';
import {
  type GitIndexFile,
  type IndexEntry,
  INTENT_TO_ADD,
  SKIP_WORKTREE,
  entryOid,
  entryStage,
  entryStat,
  findEntry,
  type SerializedIndex,
  entryHeadLength,
  makeEntry,
  patchIndexEntries,
  serializeIndexWithOffsets,
  withoutStaleExtensions,
} from './indexFile.ts';
import { LockFile, type LockOptions } from './lockFile.ts';
import {
  type CheckoutConversion,
  isLfsContentOf,
  parseLfsPointer,
} from './attributes/checkoutConversion.ts';
import { crashPoint } from './safety/crashPoints.ts';
import {
  dropAside,
  FileRaceError,
  putBack,
  stampOfSwappedIn,
  type Swapped,
  swapFile,
} from './safety/fileSwap.ts';
import { HeldFolders } from './safety/pinnedFolder.ts';
import { parentsStillInside } from './safety/safePath.ts';
import { EXECUTABLE_MODE, isFileMode, isTreeMode } from './treeObject.ts';
import { parseCacheTree, serializeCacheTree, updateCacheTree } from './cacheTreeUpdate.ts';
import { hashObject } from './writeLooseObject.ts';
import { DirtyWorkingTreeError, FilteredFileError } from './workingTreeErrors.ts';
import { IndexCache, indexStamp, readIndexState } from './workingTreeIndex.ts';

export { DirtyWorkingTreeError, FilteredFileError, IndexCache };

/** A file that a commit changes, as the working tree must follow it. */
export interface WorkingTreeChange {
  path: string;
  before: { oid: string; mode: string } | null;
  after: { oid: string; mode: string } | null;
}

interface Plan {
  /** The file as checked before the commit, to notice edits made while committing. */
  stamp: FileStamp | null;
  /** Outside a sparse checkout: only the index follows. */
  sparse: boolean;
  /** For a Git LFS file that moves: the working-tree file holding its real content. */
  lfsSource?: string;
}

/**
 * One batch of saves' hold on the working tree and the index. The index is read without a lock to
 * check that every file to change is exactly as HEAD has it (uncommitted edits are refused, never
 * overwritten); git's `index.lock` is taken only for the short final step (`lockIndex`, files,
 * branch, `commitIndex`), so `git add` or `git commit` in the folder are blocked for milliseconds,
 * not for a whole batch. Files are swapped in with a check of the person's file right before and
 * after (`safety/fileSwap.ts`), and can be put back if the branch cannot move.
 */
export class WorkingTreeSession {
  private readonly plans = new Map<string, Plan>();
  /** Positions of entries replaced in place (same path, same size); null once the layout changed. */
  private replaced: Set<number> | null = new Set();
  private lock: LockFile | null = null;
  private swapped: Swapped[] = [];
  /** The folders the swaps went through, held until release (undo goes through them too). */
  private readonly folders = new HeldFolders();
  private readonly newStamps = new Map<string, FileStamp>();
  /** The paths whose index entries this session rewrote (for the cache tree). */
  private readonly recorded: string[] = [];

  private constructor(
    private readonly dir: string,
    private readonly gitdir: string,
    private readonly objects: ObjectStore,
    private index: GitIndexFile,
    private indexStampText: string | null,
    private indexMtimeMs: number,
    private readonly tmpDir: string,
    private readonly cache: IndexCache,
    /** The bytes of `index` as Folio last wrote them, when it was taken from the cache. */
    private written: SerializedIndex | null,
    private readonly lockOptions: LockOptions,
    private readonly checkout: CheckoutConversion | null,
  ) {}

  /** Reads the index of the working tree at `dir` (from `cache` when unchanged), without locking it. */
  static async open(
    dir: string,
    gitdir: string,
    objects: ObjectStore,
    cache: IndexCache,
    lockOptions: LockOptions = {},
    checkout: CheckoutConversion | null = null,
  ): Promise<WorkingTreeSession> {
    const read = await readIndexState(join(gitdir, 'index'), cache);
    return new WorkingTreeSession(
      dir,
      gitdir,
      objects,
      read.index,
      read.stamp,
      read.mtimeMs,
      join(gitdir, 'folio', 'tmp'),
      cache,
      read.written,
      lockOptions,
      checkout,
    );
  }

  /**
   * Throws DirtyWorkingTreeError unless every file to change is exactly as HEAD has it, or (for
   * the files in `adopt`) holds exactly the uncommitted blob the commit takes over.
   */
  async check(
    changes: readonly WorkingTreeChange[],
    adopt: readonly { path: string; oid: string }[] = [],
  ): Promise<void> {
    const problems: { path: string; reason: string }[] = [];
    for (const change of changes) {
      const adopted = adopt.find((a) => a.path === change.path)?.oid;
      const reason = await this.checkOne(change, adopted);
      if (reason) problems.push({ path: change.path, reason });
    }
    if (problems.length) throw new DirtyWorkingTreeError(problems);
    for (const change of changes) await this.checkFilter(change, changes);
  }

  // A file behind a filter driver can only be moved, from a working-tree file holding its content.
  private async checkFilter(
    change: WorkingTreeChange,
    changes: readonly WorkingTreeChange[],
  ): Promise<void> {
    const plan = this.plans.get(change.path);
    if (!change.after || !this.checkout || plan?.sparse) return;
    const blob = await this.objects.readBlob(change.after.oid);
    const bytes = await this.checkout.toWorkingTree(change.path, blob);
    if (Buffer.isBuffer(bytes)) return;
    const source =
      bytes.filter === 'lfs' && parseLfsPointer(blob)
        ? changes.find((c) => c.before?.oid === change.after!.oid && c.path !== change.path)
        : undefined;
    const real = source ? await readFile(join(this.dir, source.path)).catch(() => null) : null;
    if (!source || !plan || !real || !isLfsContentOf(blob, real))
      throw new FilteredFileError(change.path, bytes.filter);
    plan.lfsSource = source.path;
  }

  /**
   * Takes `index.lock` (a lock a crashed Folio left is cleared; a live git's is waited for, then
   * reported). If the index changed since it was read, it is read again and the index side of every
   * check is repeated for `changes`: something staged meanwhile fails the save instead of being lost.
   */
  async lockIndex(changes: readonly WorkingTreeChange[]): Promise<void> {
    const indexPath = join(this.gitdir, 'index');
    this.lock = await LockFile.acquire(indexPath, { waitMs: 2000, ...this.lockOptions });
    this.cache.stamp = null; // until commitIndex() records what it wrote
    if ((await indexStamp(indexPath)) === this.indexStampText) return;
    const read = await readIndexState(indexPath, new IndexCache());
    this.index = read.index;
    this.indexStampText = read.stamp;
    this.indexMtimeMs = read.mtimeMs;
    this.written = null;
    this.replaced = null;
    const problems: { path: string; reason: string }[] = [];
    for (const change of changes) {
      const reason = this.indexProblem(change);
      if (reason) problems.push({ path: change.path, reason });
    }
    if (problems.length) throw new DirtyWorkingTreeError(problems);
  }

  /**
   * Writes the committed files into the working tree in the order given (removals first, so that a
   * folder can give way to a file of the same name; call under `lockIndex`, before the branch
   * moves). On a race with someone's edit, every file already written is put back and
   * DirtyWorkingTreeError names the file; nothing of theirs is overwritten.
   */
  async writeFiles(changes: readonly WorkingTreeChange[], journalId: string): Promise<void> {
    // Every file's bytes first: a moved LFS file's content is read before its old name is removed.
    const contents = new Map<string, Buffer>();
    for (const change of changes) {
      if (!change.after || this.plans.get(change.path)?.sparse) continue;
      if (!isFileMode(change.after.mode))
        throw new Error(`Folio only writes regular files (${change.path})`);
      contents.set(change.path, await this.workingTreeBytes(change));
    }
    for (const [n, change] of changes.entries()) {
      const plan = this.plans.get(change.path);
      if (!plan) throw new Error(`writeFiles() without check() for ${change.path}`);
      if (plan.sparse) continue;
      const content = contents.get(change.path) ?? null;
      // An execute bit set outside Folio stays, as git keeps it (a mode change is the person's).
      const executable = change.after?.mode === EXECUTABLE_MODE || plan.stamp?.executable === true;
      let swapped: Swapped;
      try {
        swapped = await swapFile(
          this.dir,
          change.path,
          content,
          executable,
          plan.stamp,
          { tmpDir: this.tmpDir, stem: `${journalId}-${n}` },
          this.folders,
        );
        this.swapped.push(swapped);
        crashPoint('after-first-file');
      } catch (err) {
        await this.undoFiles();
        if (err instanceof FileRaceError)
          throw new DirtyWorkingTreeError([
            { path: change.path, reason: err.message.slice(change.path.length + 2) },
          ]);
        throw err;
      }
      if (content) {
        const stamp = await stampOfSwappedIn(swapped, content.length);
        if (stamp) this.newStamps.set(change.path, stamp);
      }
    }
  }

  /** The bytes the working tree gets for a committed file, as git's checkout would write them. */
  private async workingTreeBytes(change: WorkingTreeChange): Promise<Buffer> {
    const blob = await this.objects.readBlob(change.after!.oid);
    const bytes = this.checkout ? await this.checkout.toWorkingTree(change.path, blob) : blob;
    if (Buffer.isBuffer(bytes)) return bytes;
    const source = this.plans.get(change.path)?.lfsSource;
    const real = source ? await readFile(join(this.dir, source)).catch(() => null) : null;
    if (!real || !isLfsContentOf(blob, real))
      throw new DirtyWorkingTreeError([
        { path: source ?? change.path, reason: 'changed in the working tree during the save' },
      ]);
    return real;
  }

  /** Puts back every file `writeFiles` replaced (the branch did not move); false if one failed. */
  async undoFiles(): Promise<boolean> {
    let complete = true;
    for (const swapped of this.swapped.reverse())
      await putBack(swapped).catch(() => {
        complete = false;
      });
    this.swapped = [];
    this.newStamps.clear();
    return complete;
  }

  /**
   * Records the committed files in the index and writes it; call after the branch moved. `move`
   * (the commits the branch moved between) lets git's cache tree be kept valid for the folders
   * the changes touch (see updateCacheTree); without it they are only invalidated.
   */
  async commitIndex(
    changes: readonly WorkingTreeChange[],
    move: { from: string | null; to: string } | null = null,
  ): Promise<void> {
    if (!this.lock) throw new Error('commitIndex() without lockIndex()');
    for (const change of changes) this.recordEntry(change);
    const cacheTree = await this.nextCacheTree(move);
    const written =
      this.written && this.replaced
        ? patchIndexEntries(this.written, this.index, this.replaced, cacheTree)
        : serializeIndexWithOffsets(this.index, cacheTree);
    await this.lock.write(written.bytes);
    await this.lock.commit();
    // What we wrote is what we parsed with our edits (minus dropped extensions, which stay dropped).
    const kept = withoutStaleExtensions(this.index).extensions;
    this.cache.index = {
      ...this.index,
      extensions: cacheTree ? [{ signature: 'TREE', data: cacheTree }, ...kept] : kept,
    };
    this.cache.written = written;
    this.cache.stamp = await indexStamp(this.lock.target);
    const swapped = this.swapped;
    this.swapped = [];
    for (const s of swapped) {
      await dropAside(s);
      // Only through real folders: an empty folder outside the repository is not Folio's to remove.
      if (s.ino === null && (await parentsStillInside(this.dir, s.path)))
        await this.removeEmptyFolders(dirname(s.file));
    }
  }

  /**
   * For crash recovery (under `lockIndex`): records `change` in the index as committed, with the
   * stat data of the file on disk when it holds the committed blob (`stamp`), else none.
   */
  adoptEntry(change: WorkingTreeChange, stamp: FileStamp | null): void {
    if (stamp) this.newStamps.set(change.path, stamp);
    this.recordEntry(change);
  }

  // The TREE extension to write: the index's own, updated for the paths this session recorded;
  // null (none written) when the index had none, a sparse index, or one Folio cannot read.
  private async nextCacheTree(
    move: { from: string | null; to: string } | null,
  ): Promise<Buffer | null> {
    const extensions = this.index.extensions;
    const data = extensions.find((ext) => ext.signature === 'TREE')?.data;
    if (!data || extensions.some((ext) => ext.signature === 'sdir')) return null;
    const old = parseCacheTree(data);
    if (!old) return null;
    if (this.recorded.length === 0) return data;
    const treeOf = async (commit: string | null): Promise<string | null> =>
      commit === null ? null : (await this.objects.readCommit(commit)).tree;
    const trees = move ? { from: await treeOf(move.from), to: (await treeOf(move.to))! } : null;
    const lookup = async (tree: string, path: string): Promise<string | null> => {
      const found = await this.objects.lookup(tree, path);
      return found && isTreeMode(found.mode) ? found.oid : null;
    };
    const updated = await updateCacheTree(old, this.recorded, this.index.entries, trees, lookup);
    return updated ? serializeCacheTree(updated) : null;
  }

  /** The index entry's blob id at `path` (stage 0), or null. */
  entryOidAt(path: string): string | null {
    const entry = this.entriesAt(path)[0];
    return entry && entryStage(entry) === 0 ? entryOid(entry) : null;
  }

  /** Releases the index lock (a no-op once commitIndex committed it) and the held folders. */
  async release(): Promise<void> {
    await this.lock?.release();
    await this.folders.closeAll();
  }

  private entriesAt(path: string): IndexEntry[] {
    const raw = Buffer.from(path, 'utf8');
    const { at, found } = findEntry(this.index.entries, raw);
    const entries: IndexEntry[] = [];
    for (
      let i = at;
      found && i < this.index.entries.length && this.index.entries[i]!.path.equals(raw);
      i++
    )
      entries.push(this.index.entries[i]!);
    return entries;
  }

  // What the index says about a path the commit changes, apart from the file itself.
  private indexProblem(change: WorkingTreeChange): string | null {
    const entries = this.entriesAt(change.path);
    if (entries.some((e) => entryStage(e) !== 0)) return 'unresolved merge conflict';
    const entry = entries[0];
    if (entry && entry.extended & INTENT_TO_ADD) return 'marked with git add -N';
    if (entry && entry.extended & SKIP_WORKTREE)
      return change.before && entryOid(entry) === change.before.oid ? null : 'staged changes';
    if (!change.before) return entry ? 'staged as a new file' : null;
    if (!entry) return 'deletion staged';
    if (entryOid(entry) !== change.before.oid) return 'staged changes';
    return null;
  }

  private async checkOne(change: WorkingTreeChange, adopted?: string): Promise<string | null> {
    const indexProblem = this.indexProblem(change);
    if (indexProblem) return indexProblem;
    const entry = this.entriesAt(change.path)[0];
    if (entry && entry.extended & SKIP_WORKTREE) {
      this.plans.set(change.path, { stamp: null, sparse: true });
      return null;
    }
    const blocked = await this.blockedParent(change.path);
    if (blocked) return blocked;
    const file = join(this.dir, change.path);
    const stamp = await stampOf(file);
    this.plans.set(change.path, { stamp, sparse: false });
    if (!change.before || !entry) return stamp ? 'an untracked file is in the way' : null;
    if (!stamp) return 'deleted in the working tree';
    if (stamp.kind !== 'file') return 'not a regular file in the working tree';
    const content = await readFile(file).catch((err: NodeJS.ErrnoException) => {
      // The file or a folder on its way went between the stat and the read: someone is at work.
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ELOOP') return null;
      throw err;
    });
    if (!content) return 'changed in the working tree during the save';
    const oid = hashObject('blob', content);
    if (oid === change.before.oid) return null;
    // The outside edit this commit takes over, exactly as reviewed: nothing of anyone's is lost.
    if (adopted !== undefined && oid === adopted) return null;
    if (adopted !== undefined) return 'changed again since it was reviewed';
    if (this.checkout) {
      // What git's checkout writes for the blob (CRLF line endings), or the real file of an LFS pointer.
      const blob = await this.objects.readBlob(change.before.oid);
      const expected = await this.checkout.toWorkingTree(change.path, blob);
      if (Buffer.isBuffer(expected) ? expected.equals(content) : isLfsContentOf(blob, content))
        return null;
    }
    // A line-ending or clean filter can make the bytes differ while git still sees the file clean:
    // trust the index's stat data then, unless the file changed in the same instant as the index.
    const racy = Number(stamp.mtimeNs) / 1e6 >= this.indexMtimeMs;
    if (matchesIndexStat(stamp, entryStat(entry)) && !racy) return null;
    return 'uncommitted edits';
  }

  // Every folder on the way must be a real folder: a file or a symlink there means the tree on
  // disk is not HEAD's, and writing through a symlink could leave the repository.
  private async blockedParent(path: string): Promise<string | null> {
    const segments = path.split('/');
    let current = this.dir;
    for (const segment of segments.slice(0, -1)) {
      current = join(current, segment);
      const stamp = await stampOf(current);
      if (!stamp) return null;
      if (stamp.kind !== 'directory') return `${segment} is not a folder in the working tree`;
    }
    return null;
  }

  // The index entry of a committed file: the new file's stat data, or none (zeros) when the file
  // on disk is not Folio's (sparse), so `git status` compares contents.
  private recordEntry(change: WorkingTreeChange): void {
    this.recorded.push(change.path);
    if (!change.after) {
      this.setEntry(change.path, null);
      return;
    }
    const plan = this.plans.get(change.path);
    const stamp = this.newStamps.get(change.path);
    const zero = {
      ctimeSeconds: 0,
      ctimeNanoseconds: 0,
      mtimeSeconds: 0,
      mtimeNanoseconds: 0,
      dev: 0,
      ino: 0,
      uid: 0,
      gid: 0,
      size: 0,
    };
    this.setEntry(
      change.path,
      makeEntry(
        change.path,
        change.after.oid,
        change.after.mode,
        stamp ?? zero,
        plan?.sparse ? SKIP_WORKTREE : 0,
      ),
    );
  }

  private setEntry(path: string, entry: IndexEntry | null): void {
    const raw = Buffer.from(path, 'utf8');
    const { at, found } = findEntry(this.index.entries, raw);
    if (entry) {
      // A sparse entry needs the extended flags that only index version 3+ can store.
      if (entry.extended && this.index.version < 3) {
        this.index.version = 3;
        this.replaced = null;
      }
      const old = found ? this.index.entries[at]! : null;
      const version = this.index.version;
      if (old && entryHeadLength(old, version) === entryHeadLength(entry, version))
        this.replaced?.add(at);
      else this.replaced = null;
      this.index.entries.splice(at, found ? 1 : 0, entry);
    } else if (found) {
      this.index.entries.splice(at, 1);
      this.replaced = null;
    }
  }

  private async removeEmptyFolders(folder: string): Promise<void> {
    for (
      let current = folder;
      current.length > this.dir.length && current.startsWith(this.dir);
      current = dirname(current)
    ) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
    }
  }
}
