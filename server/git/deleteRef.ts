import { readFile, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LockFile, type LockOptions } from './lockFile.ts';
import { readRef } from './refs.ts';
import { RefMovedError } from './updateRefCas.ts';

/** A compare-and-delete of one ref. */
export interface RefDeletion {
  /** Directory holding refs and packed-refs (the common git directory). */
  commonDir: string;
  /** Full ref name, e.g. refs/folio/conflicts/<commit>. */
  ref: string;
  /** The commit the ref must still point at. */
  expected: string;
  /** How the locks are taken (Folio's marker, the name shown in messages). */
  lock?: LockOptions;
}

/**
 * Deletes a ref only if it still points at `expected`, as `git update-ref -d <ref> <old>` does:
 * under `<ref>.lock` it re-reads the ref, takes it out of packed-refs (under `packed-refs.lock`)
 * when it is packed, removes the loose file and its reflog, then empty folders up to `refs/`.
 * Throws RefMovedError on a mismatch and LockedError when another process holds a lock.
 */
export async function deleteRefCas(deletion: RefDeletion): Promise<void> {
  const { commonDir, ref } = deletion;
  const lock = await LockFile.acquire(join(commonDir, ref), deletion.lock);
  try {
    const actual = await readRef(commonDir, ref);
    if (actual !== deletion.expected) throw new RefMovedError(ref, deletion.expected, actual);
    await dropPacked(commonDir, ref, deletion.lock);
    await unlink(join(commonDir, ref)).catch(ignoreMissing);
    await unlink(join(commonDir, 'logs', ref)).catch(ignoreMissing);
  } finally {
    await lock.release();
  }
  await pruneEmptyFolders(commonDir, dirname(ref));
  await pruneEmptyFolders(join(commonDir, 'logs'), dirname(ref));
}

// Rewrites packed-refs without `ref` (and the peeled line that may follow it), git's way.
async function dropPacked(commonDir: string, ref: string, options?: LockOptions): Promise<void> {
  const file = join(commonDir, 'packed-refs');
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null || !text.includes(` ${ref}\n`)) return;
  const lock = await LockFile.acquire(file, options);
  try {
    const lines = (await readFile(file, 'utf8')).split('\n');
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.endsWith(` ${ref}`)) {
        if (lines[i + 1]?.startsWith('^')) i++;
        continue;
      }
      kept.push(lines[i]!);
    }
    await lock.write(kept.join('\n'));
    await lock.commit();
  } finally {
    await lock.release();
  }
}

// Removes the folders a deleted ref leaves empty, up to (not including) `refs/`.
async function pruneEmptyFolders(root: string, folder: string): Promise<void> {
  for (let at = folder; at.startsWith('refs/') && at !== 'refs'; at = dirname(at)) {
    try {
      await rmdir(join(root, at));
    } catch {
      return; // not empty, or gone: stop here
    }
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
