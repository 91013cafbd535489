import { AppError, ConflictError, StorageError } from '../errors.ts';
import { TreePathConflictError } from '../git/buildTree.ts';
import { DetachedHeadError } from '../git/GitStore.ts';
import { UnsupportedIndexError } from '../git/indexFile.ts';
import { LockedError } from '../git/lockFile.ts';
import { RefMovedError } from '../git/updateRefCas.ts';
import { DirtyWorkingTreeError, FilteredFileError } from '../git/workingTree.ts';

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
  if (err instanceof FilteredFileError)
    return new ConflictError(err.message, {
      reason: 'filtered_file',
      path: err.path,
      filter: err.filter,
    });
  const storage = storageError(err);
  if (storage) return storage;
  if (err instanceof TreePathConflictError)
    return new ConflictError(`${err.message}.`, { reason: 'path_conflict', path: err.path });
  return err;
}

/**
 * A write the file system refused as a whole (nothing was committed, files were put back): a full
 * disk or quota (507), a read-only file system (503). Other errors stay internal.
 */
function storageError(err: unknown): StorageError | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new StorageError(
      'insufficient_storage',
      'The disk holding the repository is full: nothing was saved. Free some space on the server and save again (your edit is still here).',
    );
  if (code === 'EROFS')
    return new StorageError(
      'read_only',
      'The repository is on a read-only file system right now: nothing was saved. Ask the server admin to make it writable, then save again.',
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EISDIR') {
    const where = (err as NodeJS.ErrnoException).path;
    const what =
      code === 'ENOTDIR' || code === 'EISDIR'
        ? 'a file stands where a folder should be, or the other way round'
        : 'permission denied';
    return new StorageError(
      'read_only',
      `Folio cannot write to the repository (${what}${where ? ` at ${where}` : ''}): nothing was saved. Ask the server admin to check the repository's files and permissions, then save again.`,
    );
  }
  return null;
}

/** Runs `work` and rethrows store errors as API errors. */
export async function mapStoreErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toApiError(err);
  }
}
