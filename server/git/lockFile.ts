import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  clearStaleLock,
  clearStaleOwnLock,
  dropMarker,
  recordInode,
  writeIntent,
} from './safety/lockMarkers.ts';
import { currentOwner } from './safety/processOwner.ts';

export { clearStaleLock };

/** Another process (often a running `git`) holds the lock file. */
export class LockedError extends Error {
  constructor(
    readonly lockPath: string,
    /** The lock's name as the user sees it, relative to the repository (e.g. `.git/index.lock`). */
    readonly shownPath: string = basename(lockPath),
  ) {
    super(
      `${shownPath} exists: another git process (or another Folio) is using the repository. ` +
        'Wait for it to finish and try again. If no git command is running, a crashed one left ' +
        `it behind: delete ${shownPath}.`,
    );
    this.name = 'LockedError';
  }
}

/** Where Folio notes which of its processes holds a lock, so that a crash's lock can be told apart. */
export interface LockOptions {
  /** How long to wait for someone else's lock (ms). */
  waitMs?: number;
  /** Folder for Folio's marker of the lock (`<git dir>/folio/locks`); none: no marker. */
  markerDir?: string;
  /** How the lock is named in messages (repository-relative). */
  shownPath?: string;
  /**
   * For Folio's own locks (no git reads them): the owner is written into the lock file itself, so
   * that no instant exists at which a crash leaves a lock nobody can tell apart; an empty one (a
   * crash right after creating it) counts as stale after a few seconds.
   */
  ownerInside?: boolean;
}

/** How often a waiting acquire asks again whether the lock's holder has died. */
const STALE_RECHECK_MS = 500;

/**
 * Creates Folio's own lock with its owner already inside: the owner is written to a temporary file
 * that is then hard-linked as the lock (O_EXCL semantics), so the lock never exists empty.
 */
async function createWithOwner(lockPath: string): Promise<FileHandle> {
  const tmp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify({ owner: currentOwner() }));
  try {
    await link(tmp, lockPath);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return open(lockPath, 'r');
}

/**
 * Git's lock-file protocol, which native git and Folio both obey: whoever creates `<file>.lock`
 * with O_EXCL owns `<file>`; the new content goes into the lock file, which is renamed over the
 * file to commit it or deleted to roll back. Folio records beside each lock it takes (in its own
 * folder) which process took it, so that a lock left by a crashed Folio is cleared on the next try.
 */
export class LockFile {
  private handle: FileHandle | null;
  private done = false;

  private constructor(
    readonly target: string,
    readonly lockPath: string,
    handle: FileHandle,
    private readonly markerPath: string | null,
  ) {
    this.handle = handle;
  }

  /** Creates `<target>.lock`, retrying for up to `waitMs` while someone else holds it. */
  static async acquire(target: string, options: LockOptions = {}): Promise<LockFile> {
    const lockPath = `${target}.lock`;
    const deadline = Date.now() + (options.waitMs ?? 1000);
    let madeFolder = false;
    let checkedStaleAt = 0;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      let handle: FileHandle;
      // The marker comes first: a crash at any instant after the lock exists leaves a marker.
      const markerPath = options.markerDir ? await writeIntent(options.markerDir, lockPath) : null;
      try {
        handle = options.ownerInside
          ? await createWithOwner(lockPath)
          : await open(lockPath, 'wx', 0o644);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // A ref in a folder that does not exist yet (refs/heads/feature/x): make it, try again.
        if (code === 'ENOENT' && !madeFolder) {
          await mkdir(dirname(lockPath), { recursive: true });
          madeFolder = true;
          continue;
        }
        if (code !== 'EEXIST') throw err;
        if (markerPath) await dropMarker(markerPath);
        // Whether its holder died is asked again every half second while waiting.
        if (
          (options.markerDir || options.ownerInside) &&
          Date.now() - checkedStaleAt >= STALE_RECHECK_MS
        ) {
          checkedStaleAt = Date.now();
          const cleared = options.ownerInside
            ? await clearStaleOwnLock(target)
            : await clearStaleLock(target, options.markerDir!);
          if (cleared) continue;
        }
        if (Date.now() >= deadline) throw new LockedError(lockPath, options.shownPath);
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      const lock = new LockFile(target, lockPath, handle, markerPath);
      if (markerPath) await lock.writeMarker(markerPath, handle);
      return lock;
    }
  }

  /** Writes the new content of the target into the lock file. */
  async write(data: string | Uint8Array): Promise<void> {
    if (!this.handle) throw new Error(`Lock ${this.lockPath} is already closed`);
    await this.handle.writeFile(data);
  }

  /** Replaces the target with what was written (atomic rename) and releases the lock. */
  async commit(): Promise<void> {
    await this.close();
    await rename(this.lockPath, this.target);
    this.done = true;
    await this.dropMarker();
  }

  /** Releases the lock without touching the target; safe to call after commit. */
  async release(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.close();
    await unlink(this.lockPath).catch(() => undefined);
    await this.dropMarker();
  }

  private async writeMarker(markerPath: string, handle: FileHandle): Promise<void> {
    try {
      await recordInode(markerPath, this.lockPath, (await handle.stat({ bigint: true })).ino);
    } catch (err) {
      await this.release();
      throw err;
    }
  }

  private async dropMarker(): Promise<void> {
    if (this.markerPath) await dropMarker(this.markerPath);
  }

  private async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}
