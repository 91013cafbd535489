import type { Signature } from './commitObject.ts';
import type { TransactionStep, StoreHead } from './GitStore.ts';
import type { DirtyWorkingTreeError } from './workingTree.ts';

/** Whether a commit is on the remote yet: sent, waiting to be sent, or no remote at all. */
export type SyncState = 'pushed' | 'pending' | 'off';

/**
 * What the write queue asks of sync after a batch landed (called with the queue and Folio's write
 * lock held): push, and on a moved remote replay or hand back saves to run again.
 */
export interface BatchSync {
  afterLanding(landed: { commit: string; item: number }[]): Promise<{
    /** Items whose save must run again on the new head (their commit was dropped). */
    rerun: number[];
    /** Commits replaced by a replay: old id -> new id. */
    commits: Map<string, string>;
    state: SyncState;
  }>;
}

/** A transaction waiting for its turn in the write queue. */
export interface Waiting {
  step: (head: StoreHead) => Promise<TransactionStep<unknown>>;
  resolve: (result: { value: unknown; commit: string | null; sync: SyncState }) => void;
  reject: (err: unknown) => void;
}

/** What one transaction of a batch came to. */
export type Outcome =
  { value: unknown; commit: string | null; sync?: SyncState } | { error: unknown };

/** A commit written in a batch, not yet on the branch. */
export interface Made {
  commit: string;
  tree: string;
  committer: Signature;
  subject: string;
  /** The working-tree files it changes. */
  paths: string[];
  /** Its transaction's position in the batch. */
  item: number;
}

/** A file of one transaction of the batch was edited during the write (see runBatch). */
export class BatchRaceError extends Error {
  constructor(
    readonly item: number,
    override readonly cause: DirtyWorkingTreeError,
  ) {
    super(cause.message);
    this.name = 'BatchRaceError';
  }
}
