import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { WalkItem, WalkPage } from './commitWalk.ts';
import type { CommitInfo } from './commitParser.ts';
import type { FileHistoryItem } from './fileHistory.ts';
import { renameSourceOrUnknown } from './findRenameSource.ts';
import type { GitStore } from './GitStore.ts';
import {
  type LogLine,
  parseLogHeader,
  parseLogLine,
  serializeLogHeader,
  serializeLogLine,
} from './historyIndexLog.ts';
import { LruCache } from './lruCache.ts';
import { ObjectUnavailableError } from './objectErrors.ts';
import { RecyclingBaseCache } from './RecyclingBaseCache.ts';
import { isTreeMode } from './treeObject.ts';
import { diffTrees } from './treeDiff.ts';

/** Progress of the history index, as GET /api/health reports it. */
export interface HistoryIndexProgress {
  /** The index covers the current head: entry history is answered from it. */
  ready: boolean;
  /** Commits of the branch's first-parent chain indexed so far. */
  indexed: number;
  /** Commits of the chain known so far (grows while the build discovers the chain). */
  total: number;
}

/** Answers a history page without the index (the commit walk), for the parts the index does not cover. */
export type HistoryWalk = (start: WalkItem[], limit: number) => Promise<WalkPage<FileHistoryItem>>;

/** Rename sources are found while indexing for commits that add at most this many files (and delete some). */
const MAX_RENAME_ADDS = 32;
const FILE = 'log.jsonl';
/** Commits indexed between two yields to the event loop (and one append to the log). */
const BATCH = 64;
/** A request that finds the head a few commits ahead indexes them itself rather than fall back. */
const SYNC_CATCH_UP = 200;
/**
 * The build's own delta base cache, whose memory is reused from commit to commit. It holds at
 * least the trees of the current commit and its parent, and whatever else fits: enough for the
 * delta chains of a 400 KB folder tree (git's chains are at most 50 deep) to be resolved once.
 */
const BUILD_BASE_CACHE = 24 * 1024 * 1024;

/**
 * A persisted index of which commits changed which paths, so that entry history is a lookup
 * instead of a walk over thousands of commits.
 *
 * It covers the branch's first-parent chain: position 0 is the root commit, each later position
 * the next commit on the chain, recorded with the paths whose blob differs from its first parent's
 * (added, or modified/deleted). A path maps to the ascending positions that changed it (paths
 * interned to small ids). Reading history from a commit on the chain then takes the positions at
 * or below it, newest first, which is exactly what the commit walk (`walkFileHistory`) returns on a
 * linear stretch: a commit whose blob equals its parent's is skipped, any other is listed. Where
 * the walk would do more than that, the index hands over to it so that answers stay identical:
 *  - at an addition, the rename source is found the same way (`findRenameSource`): while indexing
 *    for commits that add a few files and delete some, at lookup time (cached) for bigger ones,
 *    never when nothing was deleted; the lookup continues under the old path;
 *  - at a merge commit that changed the path against its first parent, the walk takes over from
 *    that commit (it may follow the other parent, like `git log` history simplification); merges
 *    that kept the first parent's version are skipped by both.
 *
 * Persisted in `<dataDir>/history-index/log.jsonl` (`historyIndexLog.ts`): a header line, then one
 * JSON line per commit in chain order, each naming its first parent and ending with a checksum of
 * itself, and checked field by field when loaded, so a torn, foreign or edited line (a wrong type,
 * a dropped path) is detected, said once, and the log is indexed again from there. New commits are appended; a rewritten history (reset, rebase, force-push)
 * cuts the index back to the newest commit still on the chain and goes on from there; an unrelated
 * history starts over. The log is rewritten atomically (temporary file, rename) when cut.
 */
export class HistoryIndex {
  private oids: string[] = [];
  private positions = new Map<string, number>();
  private merges = new Set<number>();
  private pathIds = new Map<string, number>();
  private paths: string[] = [];
  /** Per path id: ascending `position * 2 + (added ? 1 : 0)`. */
  private postings: number[][] = [];
  /** Positions of commits that deleted files (only there can an addition be a rename). */
  private deletes = new Set<number>();
  /** Per position whose rename sources were found while indexing: added path -> source. */
  private renamed = new Map<number, Map<string, string>>();
  /** Per position: where its entries start in `touched` (each `pathId * 4 + kind`: 0 modified, 1 added, 2 deleted). */
  private touchedStart: number[] = [];
  private touched: number[] = [];
  /** Bumped whenever positions are cut, so a lookup in flight can tell its positions went stale. */
  private generation = 0;
  private total = 0;
  /** The shallow boundary the positions were indexed on ('' for a complete history). */
  private shallowKey = '';
  private loaded: Promise<void> | null = null;
  /** The log on disk matches memory up to the last position (else the next write rewrites it). */
  private fileInSync = false;
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<boolean> | null = null;
  /** A catch-up of more than SYNC_CATCH_UP commits is running (requests do not wait for it). */
  private building = false;
  /** The head whose indexing failed for want of objects (a partial clone): not retried. */
  private stuckAt: string | null = null;
  /** Commits this process indexed by diffing trees (the rest came from the persisted log). */
  readonly stats = { diffed: 0 };
  private readonly renames = new LruCache<string, string | null>(2000);
  private readonly file: string;

  constructor(
    private readonly store: GitStore,
    readonly dir: string,
    /** Budget of the build's own delta base cache (tests make it small to have memory reused). */
    private readonly buildCacheBytes = BUILD_BASE_CACHE,
  ) {
    this.file = join(dir, FILE);
  }

  /**
   * Starts the background build after `delayMs` and once `after` settles (start-up work such as
   * the entry index goes first: on a cold start both would fight for the same cores and memory),
   * and follows Folio's commits. A request that needs the index (progress) starts it at once.
   */
  start(delayMs = 1500, after: () => Promise<unknown> = () => Promise.resolve()): void {
    this.store.onCommit(() => void this.update());
    setTimeout(() => {
      void after()
        .catch(() => undefined)
        .then(() => this.update());
    }, delayMs).unref();
  }

  /** Brings the index up to the current head in the background; resolves true once it covers it. */
  update(): Promise<boolean> {
    if (this.queued) return this.queued;
    const run = this.exclusive(() => {
      this.queued = null;
      return this.catchUp(Infinity);
    }).catch((err: unknown) => {
      if (err instanceof ObjectUnavailableError) {
        // A partial clone without old trees: said once; no retry until the head moves.
        console.warn(`Folio: no history index for this partial clone: ${err.message}.`);
        return false;
      }
      // A repository removed while Folio runs (tests) is not worth a message; history walks instead.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        console.error('Folio: could not update the history index:', err);
      return false;
    });
    this.queued = run;
    return run;
  }

  /** Progress for a head (the health route reads it afresh). */
  progress(head: string | null): HistoryIndexProgress {
    const ready = head === null || (this.positions.has(head) && this.onCurrentBoundary());
    if (!ready && !this.building) void this.update();
    return { ready, indexed: this.oids.length, total: Math.max(this.total, this.oids.length) };
  }

  /**
   * A page of the history of `start.path` from `start.commit`, or null when the index cannot
   * answer (not built yet, the commit is not on the indexed chain): then the caller walks.
   */
  async history(
    start: WalkItem[],
    limit: number,
    walk: HistoryWalk,
  ): Promise<WalkPage<FileHistoryItem> | null> {
    if (start.length !== 1 || start[0]!.path === undefined) return null;
    const from = start[0]!.commit;
    if (!this.onCurrentBoundary()) {
      void this.update(); // deepened or unshallowed: the chain has other roots now
      return null;
    }
    if (!this.positions.has(from)) {
      if (this.building || !this.loaded) {
        void this.update();
        return null;
      }
      // A few commits ahead (a save, a pull): index them now; far ahead: build in the background.
      const covered = await this.exclusive(() => this.catchUp(SYNC_CATCH_UP));
      if (!covered) void this.update();
      if (!this.positions.has(from)) return null;
    }
    return this.lookup(from, start[0]!.path, limit, walk);
  }

  private async lookup(
    from: string,
    startPath: string,
    limit: number,
    walk: HistoryWalk,
  ): Promise<WalkPage<FileHistoryItem> | null> {
    const generation = this.generation;
    const objects = this.store.objects;
    const items: FileHistoryItem[] = [];
    let path = startPath;
    let cur = this.positions.get(from)!;
    let list = this.postingsOf(path);
    let k = below(list, cur);
    while (items.length < limit) {
      if (k < 0) return { items, next: null };
      const q = list[k]! >> 1;
      const added = (list[k]! & 1) === 1;
      const oid = this.oids[q]!;
      if (this.merges.has(q)) {
        const rest = await walk([{ commit: oid, path }], limit - items.length);
        return { ...rest, items: [...items, ...rest.items] };
      }
      const commit = await objects.readCommit(oid);
      if (this.generation !== generation) return null;
      items.push({ commit, path });
      if (q === 0 || commit.parents.length === 0) return { items, next: null };
      cur = q - 1;
      if (added) {
        const source = this.deletes.has(q)
          ? (this.renamed.get(q)?.get(path) ??
            (this.renamed.has(q) ? null : await this.renameSource(commit, path)))
          : null; // nothing deleted: nothing to have been renamed
        if (this.generation !== generation) return null;
        if (source === undefined) return { items, next: null, unavailable: true };
        if (!source) return { items, next: null };
        path = source;
        list = this.postingsOf(path);
        k = below(list, cur);
      } else {
        k--;
      }
    }
    return { items, next: [{ commit: this.oids[cur]!, path }] };
  }

  /** The rename source of `path` added in `commit`, null for none, undefined when unknowable (partial clone). */
  private async renameSource(commit: CommitInfo, path: string): Promise<string | null | undefined> {
    const key = `${commit.oid}\0${path}`;
    const hit = this.renames.get(key);
    if (hit !== undefined) return hit;
    const objects = this.store.objects;
    const entry = await objects.lookup(commit.tree, path);
    let source: string | null | undefined = null;
    if (entry && !isTreeMode(entry.mode)) {
      const parent = await objects.readCommit(commit.parents[0]!);
      source = await renameSourceOrUnknown(objects, parent.tree, commit.tree, path, entry.oid);
    }
    if (source !== undefined) this.renames.set(key, source); // unknown now, maybe not once fetched
    return source;
  }

  /** True when the index was built on the shallow boundary the repository has now. */
  private onCurrentBoundary(): boolean {
    this.store.objects.refreshShallow();
    return this.store.objects.shallowFingerprint === this.shallowKey;
  }

  private postingsOf(path: string): number[] {
    const id = this.pathIds.get(path);
    return id === undefined ? [] : this.postings[id]!;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Indexes the commits between what the index covers and the head, at most `maxSteps` of them
   * (false when there were more). Runs under `exclusive`.
   */
  private async catchUp(maxSteps: number): Promise<boolean> {
    this.loaded ??= this.load();
    await this.loaded;
    // A shallow clone's boundary commits are roots: when it moves (git fetch --deepen,
    // --unshallow), so do the positions, and the index starts over.
    if (!this.onCurrentBoundary()) {
      if (this.oids.length) this.cut(0);
      this.shallowKey = this.store.objects.shallowFingerprint;
      this.fileInSync = false;
    }
    // A first build is long: requests answer by walking meanwhile instead of waiting for it.
    this.building = this.oids.length === 0 && maxSteps === Infinity;
    try {
      return await this.extend(maxSteps);
    } finally {
      this.building = false;
    }
  }

  private async extend(maxSteps: number): Promise<boolean> {
    const head = await this.store.head();
    if (head.commit && head.commit === this.stuckAt) return false;
    if (!head.commit || this.positions.has(head.commit)) {
      if (head.commit) await this.persist([]); // a torn log found on load is rewritten
      return true;
    }
    const objects = this.store.objects;
    // Walk the first-parent chain back from the head to a commit the index has (or the root).
    const fresh: CommitInfo[] = [];
    let base = -1;
    for (let oid: string | null = head.commit; oid !== null;) {
      const known = this.positions.get(oid);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (fresh.length >= maxSteps) return false;
      if (fresh.length === SYNC_CATCH_UP) this.building = true;
      const info = await objects.readCommit(oid);
      fresh.push(info);
      oid = info.parents[0] ?? null;
      if (this.building) {
        this.total = this.oids.length + fresh.length;
        if (fresh.length % 256 === 0) await yieldToLoop();
      }
    }
    if (base + 1 < this.oids.length) this.cut(base + 1);
    this.total = this.oids.length + fresh.length;
    const parentTree = base >= 0 ? (await objects.readCommit(this.oids[base]!)).tree : null;
    // Each commit's trees are resolved into memory that earlier commits' trees used, so that
    // thousands of versions of a big folder make no garbage (see RecyclingBaseCache). A tree read
    // for a commit stays valid while the next commit is diffed against it, and no longer.
    try {
      await this.index(fresh, parentTree, new RecyclingBaseCache(this.buildCacheBytes));
    } catch (err) {
      this.fileInSync = false; // lines of the batch under way may be in memory only
      if (err instanceof ObjectUnavailableError) this.stuckAt = head.commit;
      throw err;
    }
    return true;
  }

  /** Diffs and records `fresh` (newest first) on top of the indexed chain, whose last tree is `parentTree`. */
  private async index(
    fresh: CommitInfo[],
    parentTree: string | null,
    bases: RecyclingBaseCache,
  ): Promise<void> {
    const objects = this.store.objects;
    const readTree = (oid: string): Promise<Buffer> => objects.readTree(oid, bases);
    let lines: LogLine[] = [];
    for (let i = fresh.length - 1; i >= 0; i--) {
      const info = fresh[i]!;
      bases.advance();
      const deltas = await diffTrees(objects, parentTree, info.tree, '', {
        readTree,
        treesSeenOnce: true,
      });
      this.stats.diffed++;
      const line: LogLine = { c: info.oid, p: info.parents[0] ?? null };
      if (info.parents.length > 1) line.m = 1;
      for (const d of deltas) {
        if (d.before?.oid === d.after?.oid) continue; // mode only: the walk compares blob ids
        (!d.before ? (line.a ??= []) : d.after ? (line.x ??= []) : (line.d ??= [])).push(d.path);
      }
      if (parentTree && line.a && line.d && line.a.length <= MAX_RENAME_ADDS) {
        line.k = 1;
        for (const d of deltas) {
          if (d.before || !d.after) continue;
          const source = await renameSourceOrUnknown(
            objects,
            parentTree,
            info.tree,
            d.path,
            d.after.oid,
            deltas,
          );
          if (source === undefined) {
            // Content a partial clone lacks: sources are looked up when asked, as for big commits.
            delete line.k;
            delete line.r;
            break;
          }
          if (source) (line.r ??= []).push([d.path, source]);
        }
      }
      this.add(line);
      lines.push(line);
      parentTree = info.tree;
      if (lines.length >= BATCH) {
        await this.persist(lines);
        lines = [];
        await yieldToLoop();
      }
    }
    await this.persist(lines);
  }

  private add(line: LogLine): void {
    const pos = this.oids.length;
    this.oids.push(line.c);
    this.positions.set(line.c, pos);
    if (line.m) this.merges.add(pos);
    if (line.d) this.deletes.add(pos);
    if (line.k) this.renamed.set(pos, new Map(line.r ?? []));
    this.touchedStart.push(this.touched.length);
    for (const path of line.a ?? []) this.touch(pos, path, 1);
    for (const path of line.x ?? []) this.touch(pos, path, 0);
    for (const path of line.d ?? []) this.touch(pos, path, 2);
  }

  private touch(pos: number, path: string, kind: number): void {
    let id = this.pathIds.get(path);
    if (id === undefined) {
      id = this.paths.length;
      this.pathIds.set(path, id);
      this.paths.push(path);
      this.postings.push([]);
    }
    this.postings[id]!.push(pos * 2 + (kind === 1 ? 1 : 0));
    this.touched.push(id * 4 + kind);
  }

  /** Drops positions `from` and later (a rewritten history); the log is rewritten on the next persist. */
  private cut(from: number): void {
    this.generation++;
    for (let pos = this.oids.length - 1; pos >= from; pos--) {
      for (let t = this.touchedStart[pos]!; t < this.touched.length; t++)
        this.postings[this.touched[t]! >> 2]!.pop();
      this.touched.length = this.touchedStart[pos]!;
      this.positions.delete(this.oids[pos]!);
      this.merges.delete(pos);
      this.deletes.delete(pos);
      this.renamed.delete(pos);
    }
    this.oids.length = from;
    this.touchedStart.length = from;
    this.fileInSync = false;
  }

  private lineAt(pos: number): LogLine {
    const line: LogLine = { c: this.oids[pos]!, p: pos > 0 ? this.oids[pos - 1]! : null };
    if (this.merges.has(pos)) line.m = 1;
    const end =
      pos + 1 < this.touchedStart.length ? this.touchedStart[pos + 1]! : this.touched.length;
    for (let t = this.touchedStart[pos]!; t < end; t++) {
      const entry = this.touched[t]!;
      const kind = entry & 3;
      (kind === 1 ? (line.a ??= []) : kind === 2 ? (line.d ??= []) : (line.x ??= [])).push(
        this.paths[entry >> 2]!,
      );
    }
    const renamed = this.renamed.get(pos);
    if (renamed) {
      line.k = 1;
      if (renamed.size) line.r = [...renamed];
    }
    return line;
  }

  /** Writes `lines` (the newest positions) to the log: appended, or the whole log rewritten atomically. */
  private async persist(lines: LogLine[]): Promise<void> {
    if (this.fileInSync && lines.length === 0) return;
    await ensureDir(this.dir);
    if (this.fileInSync) {
      await appendFile(this.file, lines.map(serializeLogLine).join(''));
      return;
    }
    const out = [serializeLogHeader(this.shallowKey)];
    for (let pos = 0; pos < this.oids.length; pos++) out.push(serializeLogLine(this.lineAt(pos)));
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, out.join(''));
    await rename(tmp, this.file);
    this.fileInSync = true;
  }

  /**
   * Loads the persisted log, keeping the lines before the first one in doubt (see `parseLogLine`:
   * a torn append, a foreign or edited line, a dropped path); the rest is indexed again, and the
   * damage said once.
   */
  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return; // none yet: the next persist writes it
    }
    const lines = text.split('\n');
    const header = parseLogHeader(lines[0]!);
    if ('damage' in header) return this.damaged(1, header.damage);
    this.shallowKey = header.shallow;
    try {
      for (let i = 1; i < lines.length; i++) {
        if (lines[i] === '' && i === lines.length - 1) break;
        const previous = this.oids.length ? this.oids[this.oids.length - 1]! : null;
        const line = parseLogLine(lines[i]!, previous);
        if (typeof line === 'string' || this.positions.has(line.c))
          return this.damaged(i + 1, typeof line === 'string' ? line : 'a commit seen before');
        this.add(line);
        if (i % 2000 === 0) await yieldToLoop();
      }
    } catch (err) {
      this.cut(0); // nothing read from this file is trusted any more
      return this.damaged(1, String(err));
    }
    this.fileInSync = true;
  }

  private damaged(lineNumber: number, reason: string): void {
    this.fileInSync = false;
    console.warn(
      `Folio: the history index ${this.file} is damaged at line ${lineNumber} (${reason}); ` +
        `it is rebuilt from there.`,
    );
  }
}

/** Index in ascending `list` (of `position * 2 + flag`) of the last entry at or below position `pos`; -1 if none. */
function below(list: readonly number[], pos: number): number {
  let lo = 0;
  let hi = list.length; // first entry above pos
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! >> 1 <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// Creates the index folder, but never the git directory above it (a repository removed meanwhile).
async function ensureDir(dir: string): Promise<void> {
  const parent = dirname(dir);
  for (const d of [parent, dir]) {
    try {
      await mkdir(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
