import { AppError, ConflictError } from '../errors.ts';
import { TreePathConflictError } from '../git/buildTree.ts';
import { DetachedHeadError } from '../git/GitStore.ts';
import { UnsupportedIndexError } from '../git/indexFile.ts';
import { LockedError } from '../git/lockFile.ts';
import { RefMovedError } from '../git/updateRefCas.ts';
import { DirtyWorkingTreeError } from '../git/workingTree.ts';

/**
 * Turns the git store's refusals into API errors: each is a conflict with the state of the
 * repository (409) and carries a machine-readable `reason` in its details.
 */
export function toApiError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof DirtyWorkingTreeError) {
    return new ConflictError(err.message, { reason: 'uncommitted_changes', files: err.problems });
  }
  if (err instanceof LockedError)
    return new ConflictError(err.message, { reason: 'locked', lock: err.lockPath });
  if (err instanceof RefMovedError) {
    return new ConflictError(
      'The branch kept moving under Folio (other commits were landing). Try again.',
      { reason: 'busy' },
    );
  }
  if (err instanceof DetachedHeadError)
    return new ConflictError(err.message, { reason: 'detached_head' });
  if (err instanceof UnsupportedIndexError)
    return new ConflictError(err.message, { reason: 'unsupported_index' });
  if (err instanceof TreePathConflictError)
    return new ConflictError(`${err.message}.`, { reason: 'path_conflict', path: err.path });
  return err;
}

/** Runs `work` and rethrows store errors as API errors. */
export async function mapStoreErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toApiError(err);
  }
}
