import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Another process (often a running `git`) holds the lock file. */
export class LockedError extends Error {
  constructor(readonly lockPath: string) {
    super(
      `${lockPath} exists: another git process is using the repository. ` +
        'If no git command is running, a crashed one left it behind: delete that file.',
    );
    this.name = 'LockedError';
  }
}

/**
 * Git's lock-file protocol, which native git and Folio both obey: whoever creates `<file>.lock`
 * with O_EXCL owns `<file>`; the new content goes into the lock file, which is renamed over the
 * file to commit it or deleted to roll back.
 */
export class LockFile {
  private handle: FileHandle | null;
  private done = false;

  private constructor(
    readonly target: string,
    readonly lockPath: string,
    handle: FileHandle,
  ) {
    this.handle = handle;
  }

  /** Creates `<target>.lock`, retrying for up to `waitMs` while someone else holds it. */
  static async acquire(target: string, waitMs = 1000): Promise<LockFile> {
    const lockPath = `${target}.lock`;
    const deadline = Date.now() + waitMs;
    let madeFolder = false;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      try {
        return new LockFile(target, lockPath, await open(lockPath, 'wx', 0o644));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // A ref in a folder that does not exist yet (refs/heads/feature/x): make it, try again.
        if (code === 'ENOENT' && !madeFolder) {
          await mkdir(dirname(lockPath), { recursive: true });
          madeFolder = true;
          continue;
        }
        if (code !== 'EEXIST') throw err;
        if (Date.now() >= deadline) throw new LockedError(lockPath);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
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
  }

  /** Releases the lock without touching the target; safe to call after commit. */
  async release(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.close();
    await unlink(this.lockPath).catch(() => undefined);
  }

  private async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}
