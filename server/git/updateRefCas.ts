import { join } from 'node:path';
import { LockFile, type LockOptions } from './lockFile.ts';
import { crashPoint } from './safety/crashPoints.ts';
import { appendReflog, type ReflogEntry } from './reflog.ts';
import { readRef } from './refs.ts';

/** The ref no longer points where the write started: someone else committed in between. */
export class RefMovedError extends Error {
  constructor(
    readonly ref: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(`${ref} moved from ${expected ?? '(none)'} to ${actual ?? '(none)'} during the write`);
    this.name = 'RefMovedError';
  }
}

/** A compare-and-swap of one branch. */
export interface RefUpdate {
  /** Directory holding refs and packed-refs (the common git directory). */
  commonDir: string;
  /** Full ref name, e.g. refs/heads/main. */
  ref: string;
  /** The commit the ref must still point at (null: must not exist yet). */
  expected: string | null;
  next: string;
  /**
   * Reflog lines to append under the ref (and under HEAD when `headLogDir` is set), oldest first:
   * one per commit the move spans, each from the commit before it, as git would have logged them
   * moving the ref one commit at a time. The last one's `newOid` is `next`.
   */
  reflog: Omit<ReflogEntry, 'oldOid'>[];
  /** Git directory whose logs/HEAD also records the move (the worktree that has the branch checked out). */
  headLogDir: string | null;
  /** Create reflogs that do not exist yet (core.logAllRefUpdates). */
  createReflogs: boolean;
  /** How the ref's lock is taken (Folio's marker, the name shown in messages). */
  lock?: LockOptions;
}

/**
 * Moves a branch only if it still points at `expected`, across processes: it takes git's
 * `<ref>.lock`, re-reads the ref (loose or packed) under the lock, and renames the new value into
 * place. Throws RefMovedError on a mismatch and LockedError when another process holds the lock.
 */
export async function updateRefCas(update: RefUpdate): Promise<void> {
  const lock = await LockFile.acquire(join(update.commonDir, update.ref), update.lock);
  crashPoint('after-ref-lock');
  try {
    const actual = await readRef(update.commonDir, update.ref);
    if (actual !== update.expected) throw new RefMovedError(update.ref, update.expected, actual);
    await lock.write(`${update.next}\n`);
    let oldOid = update.expected;
    const entries = update.reflog.map((step) => {
      const entry = { ...step, oldOid };
      oldOid = step.newOid;
      return entry;
    });
    if (oldOid !== update.next)
      throw new Error(`The reflog of ${update.ref} does not end at ${update.next}`);
    await Promise.all([
      appendReflog(update.commonDir, update.ref, entries, update.createReflogs),
      update.headLogDir && appendReflog(update.headLogDir, 'HEAD', entries, update.createReflogs),
    ]);
    await lock.commit();
  } finally {
    await lock.release();
  }
}
