import { createHash } from 'node:crypto';
import {
  lstat,
  mkdir,
  open,
  readFile,
  rename,
  unlink,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { currentOwner, mayBeAlive, parseOwner } from './safety/processOwner.ts';

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

/** How old an empty Folio-owned lock must be to count as left by a crash. */
const EMPTY_OWN_LOCK_MS = 5000;

/** Removes Folio's own `<target>.lock` (see LockOptions.ownerInside) when its owner is gone. */
async function clearStaleOwnLock(target: string): Promise<boolean> {
  const lockPath = `${target}.lock`;
  const [text, info] = await Promise.all([
    readFile(lockPath, 'utf8').catch(() => null),
    lstat(lockPath).catch(() => null),
  ]);
  if (text === null || !info) return false;
  let owner: ReturnType<typeof parseOwner>;
  try {
    owner = parseOwner((JSON.parse(text) as { owner?: unknown }).owner);
  } catch {
    owner = null;
  }
  const stale = owner ? !mayBeAlive(owner) : Date.now() - info.mtimeMs > EMPTY_OWN_LOCK_MS;
  if (!stale) return false;
  await unlink(lockPath).catch(() => undefined);
  return true;
}

interface Marker {
  lockPath: string;
  ino: string;
}

function markerPathFor(markerDir: string, lockPath: string): string {
  return join(markerDir, `${createHash('sha1').update(lockPath).digest('hex')}.json`);
}

/**
 * Removes `<target>.lock` when Folio's marker says a Folio process that no longer runs created it
 * (same file, by inode). A lock without a marker, or held by a live process, is left alone.
 * Returns true when a stale lock was removed.
 */
export async function clearStaleLock(target: string, markerDir: string): Promise<boolean> {
  const lockPath = `${target}.lock`;
  const markerPath = markerPathFor(markerDir, lockPath);
  const text = await readFile(markerPath, 'utf8').catch(() => null);
  if (text === null) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const owner = parseOwner((parsed as { owner?: unknown } | null)?.owner);
  const marker = parsed as Partial<Marker> | null;
  const lock = await lstat(lockPath, { bigint: true }).catch(() => null);
  if (!lock) {
    // The lock is gone (committed or released) but its marker stayed: a crash in between.
    if (!owner || !mayBeAlive(owner)) await unlink(markerPath).catch(() => undefined);
    return false;
  }
  if (!owner || mayBeAlive(owner)) return false;
  if (marker?.lockPath !== lockPath || marker.ino !== String(lock.ino)) return false;
  await unlink(lockPath).catch(() => undefined);
  await unlink(markerPath).catch(() => undefined);
  return true;
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
    let checkedStale = false;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      let handle: FileHandle;
      try {
        handle = await open(lockPath, 'wx', 0o644);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // A ref in a folder that does not exist yet (refs/heads/feature/x): make it, try again.
        if (code === 'ENOENT' && !madeFolder) {
          await mkdir(dirname(lockPath), { recursive: true });
          madeFolder = true;
          continue;
        }
        if (code !== 'EEXIST') throw err;
        if (!checkedStale && (options.markerDir || options.ownerInside)) {
          checkedStale = true;
          const cleared = options.ownerInside
            ? await clearStaleOwnLock(target)
            : await clearStaleLock(target, options.markerDir!);
          if (cleared) continue;
        }
        if (Date.now() >= deadline) throw new LockedError(lockPath, options.shownPath);
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      if (options.ownerInside) {
        const lock = new LockFile(target, lockPath, handle, null);
        await handle.writeFile(JSON.stringify({ owner: currentOwner() })).catch(async (err) => {
          await lock.release();
          throw err;
        });
        return lock;
      }
      const markerPath = options.markerDir ? markerPathFor(options.markerDir, lockPath) : null;
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
      const { ino } = await handle.stat({ bigint: true });
      const marker = { lockPath: this.lockPath, ino: String(ino), owner: currentOwner() };
      await mkdir(dirname(markerPath), { recursive: true });
      const tmp = `${markerPath}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(marker));
      await rename(tmp, markerPath);
    } catch (err) {
      await this.release();
      throw err;
    }
  }

  private async dropMarker(): Promise<void> {
    if (this.markerPath) await unlink(this.markerPath).catch(() => undefined);
  }

  private async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}
