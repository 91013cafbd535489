import type { RepositoryLocation } from './locateRepository.ts';
import { buildTree, type TreeChange } from './buildTree.ts';
import { type Signature, signatureNow } from './commitObject.ts';
import { diffPaths } from './diffPaths.ts';
import { ObjectStore } from './ObjectStore.ts';
import { readHeadTarget, readRef } from './refs.ts';
import { type RepositoryLayout, readRepositoryLayout } from './repositoryLayout.ts';
import { RefMovedError, updateRefCas } from './updateRefCas.ts';
import { IndexCache, WorkingTreeSession } from './workingTree.ts';
import { WriteQueue } from './writeQueue.ts';

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

const MAX_ATTEMPTS = 5;

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

  private constructor(
    readonly layout: RepositoryLayout,
    private readonly now: () => Date,
  ) {
    this.objects = new ObjectStore(layout.commonDir);
  }

  /** Opens the repository at a located path. */
  static async open(
    location: RepositoryLocation,
    options: GitStoreOptions = {},
  ): Promise<GitStore> {
    const layout = await readRepositoryLayout(location);
    return new GitStore(layout, options.now ?? (() => new Date()));
  }

  /** True for a bare repository (no working tree to keep in step). */
  get bare(): boolean {
    return this.layout.dir === null;
  }

  /** Calls `listener` after each commit Folio makes (the branch has moved to `commit`). */
  onCommit(listener: (commit: string) => void): void {
    this.commitListeners.push(listener);
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
   */
  async transact<T>(
    step: (head: StoreHead) => Promise<TransactionStep<T>>,
  ): Promise<{ value: T; commit: string | null }> {
    return this.queue.run(async () => {
      for (let attempt = 1; ; attempt++) {
        const head = await this.head();
        if (!head.branch) throw new DetachedHeadError();
        if (!head.branch.startsWith('refs/heads/')) throw new DetachedHeadError();
        const { plan, value } = await step(head);
        if (!plan) return { value, commit: null };
        try {
          const commit = await this.commit(head, plan);
          if (commit) this.notifyCommit(commit);
          return { value, commit };
        } catch (err) {
          if (err instanceof RefMovedError && attempt < MAX_ATTEMPTS) continue;
          throw err;
        }
      }
    });
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

  private async commit(head: StoreHead, plan: CommitPlan): Promise<string | null> {
    const tree = await buildTree(this.objects, head.tree, plan.changes);
    if (tree === head.tree) return null;
    const session = this.layout.dir
      ? await WorkingTreeSession.open(
          this.layout.dir,
          this.layout.gitdir,
          this.objects,
          this.indexCache,
        )
      : null;
    try {
      const files = session
        ? await diffPaths(
            this.objects,
            head.tree,
            tree,
            plan.changes.map((c) => c.path),
          )
        : [];
      await session?.check(files);
      const signature: Signature = signatureNow(plan.author, this.now());
      const commit = await this.objects.writeCommit({
        tree,
        parents: head.commit ? [head.commit] : [],
        author: signature,
        committer: signature,
        message: plan.message,
      });
      // Every object must be on disk before the branch may point at it.
      await this.objects.flush();
      const subject = plan.message.split('\n', 1)[0]!;
      await updateRefCas({
        commonDir: this.layout.commonDir,
        ref: head.branch!,
        expected: head.commit,
        next: commit,
        reflog: {
          committer: signature,
          message: `commit${head.commit ? '' : ' (initial)'}: ${subject}`,
        },
        headLogDir: this.layout.gitdir,
        createReflogs: this.layout.logAllRefUpdates,
      });
      try {
        await session?.apply(files);
      } catch (err) {
        // The commit has landed and stays; the working tree merely lags. Say so, but do not fail
        // the save: a later save of these files reports them as changed outside Folio.
        console.error(`Committed ${commit}, but could not update the working tree:`, err);
      }
      return commit;
    } finally {
      await session?.release();
    }
  }
}
