import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { WalkItem, WalkPage } from './commitWalk.ts';
import type { CommitInfo } from './commitParser.ts';
import type { FileHistoryItem } from './fileHistory.ts';
import type { GitStore } from './GitStore.ts';
import { indexCommit } from './historyIndexBuild.ts';
import {
  type LogLine,
  appendLog,
  parseLogHeader,
  parseLogLine,
  rewriteLog,
} from './historyIndexLog.ts';
import { HistoryLookup, type HistoryWalk } from './historyLookup.ts';
import { HistoryPositions } from './historyPositions.ts';
import { ObjectUnavailableError } from './objectErrors.ts';
import { RecyclingBaseCache } from './RecyclingBaseCache.ts';

/** Progress of the history index, as GET /api/health reports it. */
export interface HistoryIndexProgress {
  /** The index covers the current head: entry history is answered from it. */
  ready: boolean;
  /** Commits of the branch's first-parent chain indexed so far. */
  indexed: number;
  /** Commits of the chain known so far (grows while the build discovers the chain). */
  total: number;
}

const FILE = 'log.jsonl';
/** Commits indexed between two appends to the log. */
const BATCH = 64;
/**
 * The build yields to the event loop after this long (ms), so that requests are served between:
 * 64 commits between yields kept them waiting 50-200 ms on a site of deep folders and long posts.
 */
const SLICE_MS = 8;
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
 * a dropped path) is detected, said once, and the log is indexed again from there. New commits
 * are appended; a rewritten history (reset, rebase, force-push) cuts the index back to the newest
 * commit still on the chain and goes on from there; an unrelated history starts over. The log is
 * rewritten atomically (temporary file, rename) when cut. In memory it is a `HistoryPositions`;
 * pages are read off it by `HistoryLookup`, and each commit's line is made by `indexCommit`.
 */
export class HistoryIndex {
  private readonly chain = new HistoryPositions();
  private total = 0;
  /** The shallow boundary the positions were indexed on ('' for a complete history). */
  private shallowKey = '';
  private loaded: Promise<void> | null = null;
  /** The log on disk matches memory up to the last position (else the next write rewrites it). */
  private fileInSync = false;
  private queue: Promise<unknown> = Promise.resolve();
  private queued: Promise<boolean> | null = null;
  /** The start-up work every update waits for (see start). */
  private startUp: () => Promise<unknown> = () => Promise.resolve();
  private startedUp: Promise<unknown> | null = null;
  /** A catch-up of more than SYNC_CATCH_UP commits is running (requests do not wait for it). */
  private building = false;
  /** The head whose indexing failed for want of objects (a partial clone): not retried. */
  private stuckAt: string | null = null;
  /** Commits this process indexed by diffing trees (the rest came from the persisted log). */
  readonly stats = { diffed: 0 };
  private readonly lookup: HistoryLookup;
  private readonly file: string;

  constructor(
    private readonly store: GitStore,
    readonly dir: string,
    /** Budget of the build's own delta base cache (tests make it small to have memory reused). */
    private readonly buildCacheBytes = BUILD_BASE_CACHE,
  ) {
    this.file = join(dir, FILE);
    this.lookup = new HistoryLookup(this.chain, store.objects);
  }

  /**
   * Starts the background build after `delayMs`, and follows Folio's commits. Every update, the
   * first build included even when a request asks for it sooner (progress), waits for `after` to
   * settle first (start-up work such as the entry index and its search texts: on a cold start
   * they would otherwise run at once, each holding its garbage, and share the one thread).
   */
  start(delayMs = 1500, after: () => Promise<unknown> = () => Promise.resolve()): void {
    this.startUp = after;
    this.store.onCommit(() => void this.update());
    setTimeout(() => void this.update(), delayMs).unref();
  }

  /** Brings the index up to the current head in the background; resolves true once it covers it. */
  update(): Promise<boolean> {
    if (this.queued) return this.queued;
    this.startedUp ??= this.startUp().catch(() => undefined);
    const run = this.startedUp
      .then(() =>
        this.exclusive(() => {
          this.queued = null;
          return this.catchUp(Infinity);
        }),
      )
      .catch((err: unknown) => {
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
    const ready =
      head === null || (this.chain.positionOf(head) !== undefined && this.onCurrentBoundary());
    if (!ready && !this.building) void this.update();
    const indexed = this.chain.length;
    return { ready, indexed, total: Math.max(this.total, indexed) };
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
    if (this.chain.positionOf(from) === undefined) {
      if (this.building || !this.loaded) {
        void this.update();
        return null;
      }
      // A few commits ahead (a save, a pull): index them now; far ahead: build in the background.
      const covered = await this.exclusive(() => this.catchUp(SYNC_CATCH_UP));
      if (!covered) void this.update();
      if (this.chain.positionOf(from) === undefined) return null;
    }
    return this.lookup.page(from, start[0]!.path, limit, walk);
  }

  /** True when the index was built on the shallow boundary the repository has now. */
  private onCurrentBoundary(): boolean {
    this.store.objects.refreshShallow();
    return this.store.objects.shallowFingerprint === this.shallowKey;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
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
      this.chain.cut(0);
      this.shallowKey = this.store.objects.shallowFingerprint;
      this.fileInSync = false;
    }
    // A first build is long: requests answer by walking meanwhile instead of waiting for it.
    this.building = this.chain.length === 0 && maxSteps === Infinity;
    try {
      return await this.extend(maxSteps);
    } finally {
      this.building = false;
    }
  }

  private async extend(maxSteps: number): Promise<boolean> {
    const head = await this.store.head();
    if (head.commit && head.commit === this.stuckAt) return false;
    const chain = this.chain;
    if (!head.commit || chain.positionOf(head.commit) !== undefined) {
      if (head.commit) await this.persist([]); // a torn log found on load is rewritten
      return true;
    }
    const objects = this.store.objects;
    // Walk the first-parent chain back from the head to a commit the index has (or the root).
    const fresh: CommitInfo[] = [];
    let base = -1;
    for (let oid: string | null = head.commit; oid !== null;) {
      const known = chain.positionOf(oid);
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
        this.total = chain.length + fresh.length;
        if (fresh.length % 256 === 0) await yieldToLoop();
      }
    }
    if (base + 1 < chain.length) {
      chain.cut(base + 1);
      this.fileInSync = false;
    }
    this.total = chain.length + fresh.length;
    const parentTree = base >= 0 ? (await objects.readCommit(chain.oidAt(base))).tree : null;
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
    let sliceStart = performance.now();
    for (let i = fresh.length - 1; i >= 0; i--) {
      const info = fresh[i]!;
      bases.advance();
      const line = await indexCommit(objects, info, parentTree, readTree);
      this.stats.diffed++;
      this.chain.add(line);
      lines.push(line);
      parentTree = info.tree;
      if (lines.length >= BATCH) {
        await this.persist(lines);
        lines = [];
      }
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
    await this.persist(lines);
  }

  /** Writes `lines` (the newest positions) to the log: appended, or the whole log rewritten atomically. */
  private async persist(lines: LogLine[]): Promise<void> {
    if (this.fileInSync && lines.length === 0) return;
    if (this.fileInSync) return appendLog(this.file, lines);
    const all = Array.from({ length: this.chain.length }, (_, pos) => this.chain.lineAt(pos));
    await rewriteLog(this.file, this.shallowKey, all);
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
        const line = parseLogLine(lines[i]!, this.chain.last());
        if (typeof line === 'string' || this.chain.positionOf(line.c) !== undefined)
          return this.damaged(i + 1, typeof line === 'string' ? line : 'a commit seen before');
        this.chain.add(line);
        if (i % 2000 === 0) await yieldToLoop();
      }
    } catch (err) {
      this.chain.cut(0); // nothing read from this file is trusted any more
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
