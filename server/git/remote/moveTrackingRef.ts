import { join } from 'node:path';
import { LockedError, LockFile } from '../lockFile.ts';
import { readRef } from '../refs.ts';
import { lockMarkerDir } from '../safety/lockMarkers.ts';

/**
 * Points a remote-tracking ref (`refs/remotes/origin/main`) at `oid` as `git fetch` does: the new
 * value goes into git's `<ref>.lock` and is renamed into place, so that no reader (a `git fsck`, a
 * `git status` beside Folio) and no crash ever sees the ref empty or half-written. A ref that
 * already points there is left alone. The lock carries Folio's marker, so one left by a crash is
 * cleared on the next fetch. After a push (`afterPush`), a lock held by someone else (a `git fetch`
 * running beside Folio, which sets the ref itself) leaves the ref as it is instead of failing a
 * push that has landed; the next fetch moves it.
 */
export async function moveTrackingRef(
  commonDir: string,
  ref: string,
  oid: string,
  options: { afterPush?: boolean } = {},
): Promise<void> {
  if ((await readRef(commonDir, ref)) === oid) return;
  let lock: LockFile;
  try {
    lock = await LockFile.acquire(join(commonDir, ref), {
      markerDir: lockMarkerDir(commonDir),
      shownPath: `${ref}.lock`,
    });
  } catch (err) {
    if (options.afterPush && err instanceof LockedError) return;
    throw err;
  }
  try {
    await lock.write(`${oid}\n`);
    await lock.commit();
  } finally {
    await lock.release();
  }
}
