import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ObjectStore } from './ObjectStore.ts';
import { type FileStamp, matchesIndexStat, sameStamp, stampOf } from './fileStat.ts';
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
  parseIndex,
  patchIndexEntries,
  serializeIndexWithOffsets,
  withoutStaleExtensions,
} from './indexFile.ts';
import { LockFile } from './lockFile.ts';
import { EXECUTABLE_MODE, isFileMode } from './treeObject.ts';
import { hashObject } from './writeLooseObject.ts';

/** A file that a commit changes, as the working tree must follow it. */
export interface WorkingTreeChange {
  path: string;
  before: { oid: string; mode: string } | null;
  after: { oid: string; mode: string } | null;
}

/** Files outside Folio's control stand in the way of a save. */
export class DirtyWorkingTreeError extends Error {
  constructor(readonly problems: { path: string; reason: string }[]) {
    super(
      `Uncommitted changes in the working tree: ${problems.map((p) => `${p.path} (${p.reason})`).join('; ')}. ` +
        'Commit or discard them with git first; Folio will not overwrite them.',
    );
    this.name = 'DirtyWorkingTreeError';
  }
}

interface Plan {
  /** The file as checked before the commit, to notice edits made while committing. */
  stamp: FileStamp | null;
  /** Outside a sparse checkout: only the index follows. */
  sparse: boolean;
}

const EMPTY_INDEX: GitIndexFile = { version: 2, entries: [], extensions: [] };

/**
 * The last index Folio wrote, kept parsed and as written: while nobody else touched the file (same
 * inode, size and nanosecond mtime; git always replaces it by rename), the next save skips
 * re-reading it, and a save that only updates tracked files patches those entries in the bytes
 * instead of serializing every entry again (7 ms for 10,000 entries, the same for one post or fifty).
 */
export class IndexCache {
  stamp: string | null = null;
  index: GitIndexFile | null = null;
  written: SerializedIndex | null = null;
}

async function indexStamp(path: string): Promise<string | null> {
  const s = await stat(path, { bigint: true }).catch(() => null);
  return s ? `${s.ino}:${s.size}:${s.mtimeNs}` : null;
}

/**
 * One save's hold on the working tree and the index: it takes git's `index.lock` (so `git add` or
 * `git commit` in the folder wait, and we wait for them), refuses changes that would clobber
 * uncommitted edits, then writes the committed files atomically and records them in the index so
 * that `git status` stays clean.
 */
export class WorkingTreeSession {
  private readonly plans = new Map<string, Plan>();
  /** Positions of entries replaced in place (same path, same size); null once the layout changed. */
  private replaced: Set<number> | null = new Set();

  private constructor(
    private readonly dir: string,
    private readonly objects: ObjectStore,
    private readonly lock: LockFile,
    private readonly index: GitIndexFile,
    private readonly indexMtimeMs: number,
    private readonly tmpDir: string,
    private readonly cache: IndexCache,
    /** The bytes of `index` as Folio last wrote them, when it was taken from the cache. */
    private readonly written: SerializedIndex | null,
  ) {}

  /** Locks and reads the index of the working tree at `dir` (from `cache` when unchanged). */
  static async open(
    dir: string,
    gitdir: string,
    objects: ObjectStore,
    cache: IndexCache,
  ): Promise<WorkingTreeSession> {
    const indexPath = join(gitdir, 'index');
    const lock = await LockFile.acquire(indexPath, 2000);
    try {
      const stamp = await indexStamp(indexPath);
      let index: GitIndexFile;
      let written: SerializedIndex | null = null;
      if (stamp && stamp === cache.stamp && cache.index) {
        index = { ...cache.index, entries: [...cache.index.entries] };
        written = cache.written;
      } else {
        const buf = stamp ? await readFile(indexPath) : null;
        index = buf ? parseIndex(buf) : { ...EMPTY_INDEX, entries: [] };
      }
      cache.stamp = null; // until apply() records what it wrote
      const mtime = stamp ? (await stat(indexPath)).mtimeMs : 0;
      return new WorkingTreeSession(
        dir,
        objects,
        lock,
        index,
        mtime,
        join(gitdir, 'folio', 'tmp'),
        cache,
        written,
      );
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** Throws DirtyWorkingTreeError unless every file to change is exactly as HEAD has it. */
  async check(changes: readonly WorkingTreeChange[]): Promise<void> {
    const problems: { path: string; reason: string }[] = [];
    for (const change of changes) {
      const reason = await this.checkOne(change);
      if (reason) problems.push({ path: change.path, reason });
    }
    if (problems.length) throw new DirtyWorkingTreeError(problems);
  }

  /** Writes the committed files into the working tree and the index; call after the branch moved. */
  async apply(changes: readonly WorkingTreeChange[]): Promise<void> {
    // Removals first, so that a folder can give way to a file of the same name and back.
    const ordered = [...changes.filter((c) => !c.after), ...changes.filter((c) => c.after)];
    for (const change of ordered) await this.applyOne(change);
    const written =
      this.written && this.replaced
        ? patchIndexEntries(this.written, this.index, this.replaced)
        : serializeIndexWithOffsets(this.index);
    await this.lock.write(written.bytes);
    await this.lock.commit();
    // What we wrote is what we parsed with our edits (minus dropped extensions, which stay dropped).
    this.cache.index = withoutStaleExtensions(this.index);
    this.cache.written = written;
    this.cache.stamp = await indexStamp(this.lock.target);
  }

  /** Releases the index lock (a no-op once apply committed it). */
  release(): Promise<void> {
    return this.lock.release();
  }

  private async checkOne(change: WorkingTreeChange): Promise<string | null> {
    const raw = Buffer.from(change.path, 'utf8');
    const { at, found } = findEntry(this.index.entries, raw);
    const entries: IndexEntry[] = [];
    for (
      let i = at;
      found && i < this.index.entries.length && this.index.entries[i]!.path.equals(raw);
      i++
    )
      entries.push(this.index.entries[i]!);
    if (entries.some((e) => entryStage(e) !== 0)) return 'unresolved merge conflict';
    const entry = entries[0];
    if (entry && entry.extended & INTENT_TO_ADD) return 'marked with git add -N';
    if (entry && entry.extended & SKIP_WORKTREE) {
      this.plans.set(change.path, { stamp: null, sparse: true });
      return entry && change.before && entryOid(entry) === change.before.oid
        ? null
        : 'staged changes';
    }
    const blocked = await this.blockedParent(change.path);
    if (blocked) return blocked;
    const file = join(this.dir, change.path);
    const stamp = await stampOf(file);
    this.plans.set(change.path, { stamp, sparse: false });
    if (!change.before) {
      if (entry) return 'staged as a new file';
      return stamp ? 'an untracked file is in the way' : null;
    }
    if (!entry) return 'deletion staged';
    if (entryOid(entry) !== change.before.oid) return 'staged changes';
    if (!stamp) return 'deleted in the working tree';
    if (stamp.kind !== 'file') return 'not a regular file in the working tree';
    const content = await readFile(file);
    if (hashObject('blob', content) === change.before.oid) return null;
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

  private async applyOne(change: WorkingTreeChange): Promise<void> {
    const plan = this.plans.get(change.path);
    if (!plan) throw new Error(`apply() without check() for ${change.path}`);
    const file = join(this.dir, change.path);
    // Someone edited the file after the check: keep their bytes; the index still follows HEAD with
    // empty stat data, so `git status` compares contents and shows their edit as a change.
    const untouched = plan.sparse || sameStamp(plan.stamp, await stampOf(file));
    if (!change.after) {
      if (untouched && !plan.sparse && plan.stamp) {
        await unlink(file);
        await this.removeEmptyFolders(dirname(file));
      }
      this.setEntry(change.path, null);
      return;
    }
    if (!isFileMode(change.after.mode))
      throw new Error(`Folio only writes regular files (${change.path})`);
    let stamp: FileStamp | null = null;
    if (untouched && !plan.sparse) {
      const content = await this.objects.readBlob(change.after.oid);
      await this.writeAtomically(file, content, change.after.mode === EXECUTABLE_MODE);
      stamp = await stampOf(file);
    }
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
        plan.sparse ? SKIP_WORKTREE : 0,
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

  private async writeAtomically(file: string, content: Buffer, executable: boolean): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const name = `folio-${randomBytes(6).toString('hex')}.tmp`;
    // The temporary file lives in the git directory, so a crash never leaves it in the working tree.
    await mkdir(this.tmpDir, { recursive: true });
    const mode = executable ? 0o777 : 0o666;
    const tmp = join(this.tmpDir, name);
    await writeFile(tmp, content, { mode });
    try {
      await rename(tmp, file);
      return;
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    }
    // The git directory is on another filesystem: rename within the target folder instead.
    const local = join(dirname(file), `.${name}`);
    await writeFile(local, content, { mode });
    await rename(local, file).catch(async (err: unknown) => {
      await unlink(local).catch(() => undefined);
      throw err;
    });
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
