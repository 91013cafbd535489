import { join, relative } from 'node:path';
import type { RepositoryLocation } from './locateRepository.ts';
import { CheckoutConversion, readEolConfig } from './attributes/checkoutConversion.ts';
import { buildTree, type TreeChange } from './buildTree.ts';
import { type Signature, signatureNow } from './commitObject.ts';
import { diffPaths } from './diffPaths.ts';
import { diffTrees } from './treeDiff.ts';
import { ObjectStore } from './ObjectStore.ts';
import { readHeadTarget, readRef } from './refs.ts';
import { type RepositoryLayout, readRepositoryLayout } from './repositoryLayout.ts';
import { clearStaleLock, LockFile, type LockOptions } from './lockFile.ts';
import { lockMarkerDir } from './safety/lockMarkers.ts';
import { recoverWrites } from './safety/recoverWrites.ts';
import { type LandingSite, landOnBranch } from './landOnBranch.ts';
import { RefMovedError } from './updateRefCas.ts';
import {
  DirtyWorkingTreeError,
  IndexCache,
  type WorkingTreeChange,
  WorkingTreeSession,
} from './workingTree.ts';
import { WriteQueue } from './writeQueue.ts';
import { readWorkingTreeFile } from './workingTreeFile.ts';
import { hashObject } from './writeLooseObject.ts';
import {
  BatchRaceError,
  type BatchSync,
  type Made,
  type Outcome,
  type SyncState,
  type Waiting,
} from './writeBatch.ts';

/** The branch HEAD names, the commit it points at and that commit's tree (nulls before the first commit). */
export interface StoreHead {
  branch: string | null;
  commit: string | null;
  tree: string | null;
}

/** A commit to make: the tree changes, its message and the editor who made it. */
export interface CommitPlan {
  changes: TreeChange[];
  message: string;
  author: { name: string; email: string };
  /**
   * Working-tree files whose uncommitted content (exactly this blob) the commit takes over: they
   * count as clean for the working tree check, so the commit may replace them (an outside edit an
   * editor chose to commit). Any other content is still refused.
   */
  adopt?: { path: string; oid: string }[];
}

/** A file of the working tree as an outside edit left it: its bytes, their blob id, and whether git would store those bytes as they are. */
export interface WorkingTreeFile {
  bytes: Buffer;
  oid: string;
  /** False when line-ending conversion or a filter driver applies to it (git add would store other bytes). */
  storable: boolean;
}

/** What one step of a transaction decided: an optional commit and a value for the caller. */
export interface TransactionStep<T> {
  plan: CommitPlan | null;
  value: T;
}

/** HEAD is detached, so there is no branch to commit to. */
export class DetachedHeadError extends Error {
  constructor() {
    super('HEAD is detached: check out a branch in the repository before editing with Folio.');
    this.name = 'DetachedHeadError';
  }
}

/** Options for opening a store. */
export interface GitStoreOptions {
  /** Clock for commit dates (tests pin it). */
  now?: () => Date;
}

/** Tries of a batch while other writers (native git, another Folio) keep moving the branch. */
const MAX_ATTEMPTS = 12;
/** At most this many waiting transactions go into one batch (each caller waits for its batch). */
const MAX_BATCH = 100;

/**
 * One repository as Folio uses it: objects, the branch HEAD names, and the single write queue
 * through which every commit goes. Commits are built from objects (blob, the trees on the path,
 * commit) without an index, then the branch moves by compare-and-swap; a working tree and its
 * index follow, and outside commits are seen because HEAD is re-read on every call.
 */
export class GitStore {
  readonly objects: ObjectStore;
  private readonly queue = new WriteQueue();
  private readonly indexCache = new IndexCache();
  private readonly commitListeners: ((commit: string) => void)[] = [];
  private readonly waiting: Waiting[] = [];
  /** Journals of this process's writes under way (recovery leaves them alone). */
  private readonly inFlight = new Set<string>();
  private sync: BatchSync | null = null;

  private constructor(
    readonly layout: RepositoryLayout,
    private readonly now: () => Date,
    /** How blobs become working-tree files (.gitattributes, core.autocrlf); null when bare. */
    private readonly checkout: CheckoutConversion | null,
  ) {
    this.objects = new ObjectStore(layout.commonDir);
  }

  /** Opens the repository at a located path. */
  static async open(
    location: RepositoryLocation,
    options: GitStoreOptions = {},
  ): Promise<GitStore> {
    const layout = await readRepositoryLayout(location);
    const checkout = layout.dir
      ? new CheckoutConversion(layout.dir, layout.gitdir, await readEolConfig(layout.commonDir))
      : null;
    const store = new GitStore(layout, options.now ?? (() => new Date()), checkout);
    await store.recover();
    return store;
  }

  /**
   * Repairs what a crashed Folio left: its stale lock files (git's `index.lock` and the branch's
   * lock, recognised by Folio's marker), and writes cut short between the files, the branch and the
   * index (replayed from their journals). Runs at open and before every batch; cheap when clean.
   */
  async recover(): Promise<void> {
    const markerDir = this.markerDir(this.layout.gitdir);
    await clearStaleLock(join(this.layout.gitdir, 'index'), markerDir);
    const head = await readHeadTarget(this.layout.gitdir).catch(() => null);
    if (head && !head.detached)
      await clearStaleLock(
        join(this.layout.commonDir, head.branch),
        this.markerDir(this.layout.commonDir),
      );
    if (!this.layout.dir) return;
    try {
      await recoverWrites({
        dir: this.layout.dir,
        gitdir: this.layout.gitdir,
        commonDir: this.layout.commonDir,
        objects: this.objects,
        indexCache: this.indexCache,
        indexLock: this.lockOptions(this.layout.gitdir, 'index'),
        inFlight: this.inFlight,
        checkout: this.checkout,
      });
    } catch (err) {
      // The journal stays for the next try; saves go on (their own checks refuse what is unclear).
      console.error('Could not finish a write interrupted by a crash (will retry):', err);
    }
  }

  private markerDir(gitdir: string): string {
    return lockMarkerDir(gitdir);
  }

  /** Options for Folio's locks in `gitdir`: a marker beside each, and a name without the absolute path. */
  private lockOptions(gitdir: string, name: string): LockOptions {
    const base = this.layout.dir ?? this.layout.commonDir;
    return {
      markerDir: this.markerDir(gitdir),
      shownPath: `${relative(base, join(gitdir, name)) || name}.lock`,
    };
  }

  /** True for a bare repository (no working tree to keep in step). */
  get bare(): boolean {
    return this.layout.dir === null;
  }

  /** Calls `listener` after each commit Folio makes (the branch has moved to `commit`). */
  onCommit(listener: (commit: string) => void): void {
    this.commitListeners.push(listener);
  }

  /** The working tree's file at `path` (null in a bare repository or when it is not a regular file there). */
  async workingTreeFile(path: string): Promise<WorkingTreeFile | null> {
    if (!this.layout.dir) return null;
    const bytes = await readWorkingTreeFile(this.layout.dir, path);
    if (!bytes) return null;
    const oid = hashObject('blob', bytes);
    // Checkout would write these bytes back unchanged only when no conversion applies to them.
    const checkedOut = this.checkout ? await this.checkout.toWorkingTree(path, bytes) : bytes;
    return { bytes, oid, storable: Buffer.isBuffer(checkedOut) && checkedOut.equals(bytes) };
  }

  /** Reads HEAD afresh: two small file reads, so commits made outside Folio show up at once. */
  async head(): Promise<StoreHead> {
    const target = await readHeadTarget(this.layout.gitdir);
    const branch = target.detached ? null : target.branch;
    const commit = target.detached
      ? target.commit
      : await readRef(this.layout.commonDir, target.branch);
    const tree = commit ? (await this.objects.readCommit(commit)).tree : null;
    return { branch, commit, tree };
  }

  /**
   * Runs `step` in the repository's write queue against the current head and commits its plan.
   * When another process moved the branch meanwhile, the step runs again on the new head, so it
   * must decide from what it reads (a stale base is then its own conflict to report).
   *
   * Transactions that wait while another one runs go through the queue together as one batch (see
   * `runBatch`): each still sees the head the one before it left and makes its own commit.
   */
  transact<T>(
    step: (head: StoreHead) => Promise<TransactionStep<T>>,
  ): Promise<{ value: T; commit: string | null; sync: SyncState }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        step: step as Waiting['step'],
        resolve: resolve as Waiting['resolve'],
        reject,
      });
      void this.queue.run(async () => {
        const batch = this.waiting.splice(0, MAX_BATCH);
        if (batch.length > 0) await this.runBatch(batch);
      });
    });
  }

  /**
   * Runs the steps of `batch` one after the other, each against the head the previous one left, so
   * that every save is still checked against what it builds on and is its own commit by its own
   * editor, in arrival order. What costs the same for one commit or fifty is done once for all of
   * them: the git index is locked and read once, objects are flushed once, the branch moves once by
   * compare-and-swap from the head the batch started on to its last commit (with one reflog line
   * per commit, as git writes when it moves a ref commit by commit), and the working tree and index
   * follow once. A step that throws (a conflict) makes no commit and only its caller sees the
   * error. When another process moved the branch, the whole batch runs again on the new head.
   */
  private async runBatch(batch: Waiting[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let outcomes: Outcome[];
      let rerun: number[];
      try {
        ({ outcomes, rerun } = await this.attemptBatch(batch));
      } catch (err) {
        if (err instanceof BatchRaceError) {
          // Someone edited a file while it was being written: that save fails with their edit kept,
          // and the others go through again without it (nothing of the batch has landed).
          batch[err.item]!.reject(err.cause);
          batch = batch.filter((_, i) => i !== err.item);
          attempt--;
          if (batch.length === 0) return;
          continue;
        }
        if (err instanceof RefMovedError && attempt < MAX_ATTEMPTS) {
          // A random pause that grows, so two servers racing for one branch stop colliding.
          const pause = Math.random() * Math.min(5 * 2 ** attempt, 250);
          await new Promise((resolve) => setTimeout(resolve, pause));
          continue;
        }
        for (const waiting of batch) waiting.reject(err);
        return;
      }
      outcomes.forEach((outcome, i) => {
        if (rerun.includes(i)) return;
        if ('error' in outcome) batch[i]!.reject(outcome.error);
        else
          batch[i]!.resolve({
            value: outcome.value,
            commit: outcome.commit,
            sync: outcome.commit ? (outcome.sync ?? 'off') : 'off',
          });
      });
      for (const [i, outcome] of outcomes.entries())
        if (!rerun.includes(i) && 'commit' in outcome && outcome.commit)
          this.notifyCommit(outcome.commit);
      if (rerun.length === 0) return;
      // Saves whose commit the remote's changes displaced run again on the new head, where they
      // make their own commit or report their own conflict (a stale base), as a local save would.
      batch = rerun.map((i) => batch[i]!);
      attempt = 0;
    }
  }

  /**
   * One try of a batch; throws (for every caller) only when its commits cannot land. The order of a
   * commit's writes makes a crash at any instant recoverable: objects are flushed, a journal of the
   * files is written, `index.lock` is taken, the files are swapped in (checked against edits made
   * meanwhile), the branch moves by compare-and-swap, and the index is written; then the journal
   * goes. Until the branch moves, any failure puts the files back; after it, `recover()` finishes.
   */
  private async attemptBatch(batch: Waiting[]): Promise<{ outcomes: Outcome[]; rerun: number[] }> {
    return this.inTurn(async () => {
      const outcomes = await this.attemptBatchInTurn(batch);
      const landed = outcomes.flatMap((o, item) =>
        'commit' in o && o.commit ? [{ commit: o.commit, item }] : [],
      );
      if (!this.sync || landed.length === 0) return { outcomes, rerun: [] };
      // The commits are local; sync sends them before anyone is answered.
      const verdict = await this.sync.afterLanding(landed);
      for (const { commit, item } of landed) {
        const outcome = outcomes[item]!;
        if (!('commit' in outcome)) continue;
        outcome.commit = verdict.commits.get(commit) ?? commit;
        outcome.sync = verdict.state;
      }
      return { outcomes, rerun: verdict.rerun };
    });
  }

  /**
   * Runs `work` with Folio's write lock: servers sharing the repository take turns (git's own
   * locks are held only for the last step, so native git is not kept waiting); without it, two
   * busy servers keep moving the branch under each other's batches.
   */
  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = await LockFile.acquire(join(this.layout.commonDir, 'folio', 'write'), {
      waitMs: 30_000,
      ownerInside: true,
      shownPath: '.git/folio/write.lock',
    });
    try {
      return await work();
    } finally {
      await turn.release();
    }
  }

  /** Sets the sync that pushes each landed batch (null: no remote). */
  setSync(sync: BatchSync | null): void {
    this.sync = sync;
  }

  /** Runs `work` in the write queue with the write lock, like a batch (sync's fetch and pull). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(() => this.inTurn(work));
  }

  /**
   * Moves the branch from `expected` to `next` (a fast-forward or a replay; call inside `exclusive`
   * or a sync hook), with the working tree and index following as for a save: a file someone edited
   * outside Folio that the move would change fails it with DirtyWorkingTreeError, changing nothing.
   */
  async moveBranch(
    expected: StoreHead,
    next: string,
    reflogMessage: string,
    who: Signature,
  ): Promise<void> {
    if (!expected.branch) throw new DetachedHeadError();
    const target = await this.objects.readCommit(next);
    const changes = await diffTrees(this.objects, expected.tree, target.tree);
    const session = this.layout.dir
      ? await WorkingTreeSession.open(
          this.layout.dir,
          this.layout.gitdir,
          this.objects,
          this.indexCache,
          this.lockOptions(this.layout.gitdir, 'index'),
          this.checkout,
        )
      : null;
    try {
      await session?.check(changes);
    } catch (err) {
      await session?.release();
      throw err;
    }
    const landed = await landOnBranch(this.landingSite(expected.branch), {
      branch: expected.branch,
      from: expected.commit,
      to: next,
      reflog: [{ newOid: next, committer: who, message: reflogMessage }],
      changes,
      session,
    });
    if (landed)
      console.error(`Moved to ${next}, but could not update the git index:`, landed.indexError);
    this.notifyCommit(next);
  }

  private async attemptBatchInTurn(batch: Waiting[]): Promise<Outcome[]> {
    const base = await this.head();
    if (!base.branch || !base.branch.startsWith('refs/heads/')) throw new DetachedHeadError();
    await this.recover();
    // The index is read when the first commit needs it: steps that make no commit never read it.
    let opening: Promise<WorkingTreeSession> | null = null;
    const openSession = (): Promise<WorkingTreeSession | null> => {
      if (!this.layout.dir) return Promise.resolve(null);
      opening ??= WorkingTreeSession.open(
        this.layout.dir,
        this.layout.gitdir,
        this.objects,
        this.indexCache,
        this.lockOptions(this.layout.gitdir, 'index'),
        this.checkout,
      );
      return opening;
    };
    const outcomes: Outcome[] = [];
    const made: Made[] = [];
    // Net working tree change per path over the batch: the first commit's before, the last's after.
    const files = new Map<string, WorkingTreeChange>();
    let head = base;
    for (const [item, waiting] of batch.entries()) {
      try {
        const { plan, value } = await waiting.step(head);
        const commit = plan ? await this.prepareCommit(head, plan, openSession, files) : null;
        outcomes.push({ value, commit: commit?.commit ?? null });
        if (!commit) continue;
        made.push({ ...commit, item });
        head = { branch: head.branch, commit: commit.commit, tree: commit.tree };
      } catch (err) {
        // The files were checked against an index another writer had already moved on: try again.
        if (err instanceof DirtyWorkingTreeError && (await this.head()).commit !== base.commit)
          throw new RefMovedError(base.branch, base.commit, (await this.head()).commit);
        outcomes.push({ error: err });
      }
    }
    // Steps that ran before the first commit saw the real head and keep their answers; the ones
    // after it built on commits that did not land, so they fail with the batch.
    const failFromFirstCommit = (err: unknown): Outcome[] => {
      const first = outcomes.findIndex((o) => 'commit' in o && o.commit);
      return outcomes.map((o, i) => (i < first ? o : { error: err }));
    };
    if (made.length === 0) {
      // Objects written by steps that then decided nothing must not fail a later save.
      await this.objects.flush().catch(() => undefined);
      return outcomes;
    }
    try {
      // Every object must be on disk before the branch may point at it.
      await this.objects.flush();
    } catch (err) {
      return failFromFirstCommit(err);
    }
    const session = await openSession();
    let landed: Awaited<ReturnType<typeof landOnBranch>>;
    try {
      landed = await landOnBranch(this.landingSite(base.branch), {
        branch: base.branch,
        from: base.commit,
        to: head.commit!,
        reflog: made.map((m, i) => ({
          newOid: m.commit,
          committer: m.committer,
          message: `commit${i === 0 && !base.commit ? ' (initial)' : ''}: ${m.subject}`,
        })),
        changes: [...files.values()],
        session,
      });
    } catch (err) {
      if (err instanceof DirtyWorkingTreeError) {
        const path = err.problems[0]?.path;
        const culprit = made.find((m) => m.paths.includes(path ?? ''));
        if (culprit) throw new BatchRaceError(culprit.item, err);
      }
      if (err instanceof RefMovedError) throw err;
      return failFromFirstCommit(err);
    }
    // The commits have landed and stay, with the files; the index lags until recover() runs from
    // the journal (before the next batch), so the saves do not fail.
    if (landed)
      console.error(
        `Committed ${head.commit}, but could not update the git index:`,
        landed.indexError,
      );
    return outcomes;
  }

  private landingSite(branch: string): LandingSite {
    return {
      gitdir: this.layout.gitdir,
      commonDir: this.layout.commonDir,
      logAllRefUpdates: this.layout.logAllRefUpdates,
      inFlight: this.inFlight,
      refLock: this.lockOptions(this.layout.commonDir, branch),
    };
  }

  private notifyCommit(commit: string): void {
    for (const listener of this.commitListeners) {
      try {
        listener(commit);
      } catch (err) {
        console.error('A commit listener failed:', err);
      }
    }
  }

  /**
   * Writes the objects of one commit on `head` (not yet flushed; the branch does not move) after
   * checking that the working tree holds HEAD's version of every file it changes. Files an
   * earlier commit of the batch changed are Folio's own and already checked. Records the change
   * in `files`. Null when the plan changes nothing.
   */
  private async prepareCommit(
    head: StoreHead,
    plan: CommitPlan,
    openSession: () => Promise<WorkingTreeSession | null>,
    files: Map<string, WorkingTreeChange>,
  ): Promise<Omit<Made, 'item'> | null> {
    const tree = await buildTree(this.objects, head.tree, plan.changes);
    if (tree === head.tree) return null;
    const session = await openSession();
    const changed = session
      ? await diffPaths(
          this.objects,
          head.tree,
          tree,
          plan.changes.map((c) => c.path),
        )
      : [];
    await session?.check(
      changed.filter((c) => !files.has(c.path)),
      plan.adopt,
    );
    const signature: Signature = signatureNow(plan.author, this.now());
    const commit = await this.objects.writeCommit({
      tree,
      parents: head.commit ? [head.commit] : [],
      author: signature,
      committer: signature,
      message: plan.message,
    });
    for (const change of changed) {
      const earlier = files.get(change.path);
      files.set(change.path, earlier ? { ...change, before: earlier.before } : change);
    }
    return {
      commit,
      tree,
      committer: signature,
      subject: plan.message.split('\n', 1)[0]!,
      paths: changed.map((c) => c.path),
    };
  }
}
