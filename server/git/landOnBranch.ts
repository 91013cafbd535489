import type { ReflogEntry } from './reflog.ts';
import { crashPoint } from './safety/crashPoints.ts';
import { type JournalRecord, removeJournal, writeJournal } from './safety/writeJournal.ts';
import type { LockOptions } from './lockFile.ts';
import { updateRefCas } from './updateRefCas.ts';
import type { WorkingTreeChange, WorkingTreeSession } from './workingTree.ts';

/** Where a landing happens: the repository's folders and Folio's bookkeeping for it. */
export interface LandingSite {
  gitdir: string;
  commonDir: string;
  logAllRefUpdates: boolean;
  /** Journals of writes under way in this process (recovery leaves them alone). */
  inFlight: Set<string>;
  /** Lock options for the branch's ref lock. */
  refLock: LockOptions;
}

/** One move of a branch, with the working-tree files that must follow it. */
export interface Landing {
  branch: string;
  from: string | null;
  to: string;
  /** One reflog line per commit the move spans, oldest first. */
  reflog: Omit<ReflogEntry, 'oldOid'>[];
  /** Net file changes between `from` and `to` (already checked by `session.check`). */
  changes: WorkingTreeChange[];
  /** The working tree's session (null for a bare repository). */
  session: WorkingTreeSession | null;
}

/** The branch moved, but the git index could not be written (recover() finishes it). */
export interface LandedWithLag {
  indexError: unknown;
}

/**
 * Moves a branch with the working tree in step, in the order that survives a crash at any instant:
 * journal, `index.lock`, files swapped in (checked against edits made meanwhile), branch moved by
 * compare-and-swap, index written, journal removed. Before the branch moves, any failure puts the
 * files back and is thrown (DirtyWorkingTreeError for a race with an edit, RefMovedError when the
 * branch moved); after it, the landing stands and a failed index write is returned, not thrown.
 */
export async function landOnBranch(
  site: LandingSite,
  landing: Landing,
): Promise<LandedWithLag | null> {
  const { session } = landing;
  // Removals first, so that a folder can give way to a file of the same name and back.
  const changes = [...landing.changes].sort((x, y) => Number(!!x.after) - Number(!!y.after));
  let journal: JournalRecord | null = null;
  try {
    if (session) {
      journal = await writeJournal(site.gitdir, {
        branch: landing.branch,
        from: landing.from,
        to: landing.to,
        files: changes,
      });
      site.inFlight.add(journal.id);
      crashPoint('after-journal');
      await session.lockIndex(changes);
      crashPoint('after-index-lock');
      await session.writeFiles(changes, journal.id);
      crashPoint('after-files');
    }
    await updateRefCas({
      commonDir: site.commonDir,
      ref: landing.branch,
      expected: landing.from,
      next: landing.to,
      reflog: landing.reflog,
      headLogDir: site.gitdir,
      createReflogs: site.logAllRefUpdates,
      lock: site.refLock,
    });
  } catch (err) {
    const undone = (await session?.undoFiles()) ?? true;
    await session?.release();
    if (journal) {
      // A journal whose files could not all be put back stays for recover() to finish.
      if (undone) await removeJournal(site.gitdir, journal.id);
      site.inFlight.delete(journal.id);
    }
    throw err;
  }
  crashPoint('after-ref-move');
  try {
    await session?.commitIndex(changes, { from: landing.from, to: landing.to });
    crashPoint('after-index');
    if (journal) await removeJournal(site.gitdir, journal.id);
    return null;
  } catch (err) {
    return { indexError: err };
  } finally {
    if (journal) site.inFlight.delete(journal.id);
    await session?.release();
  }
}
