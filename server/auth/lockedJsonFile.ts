import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** How long a writer waits for another one's lock before giving up (ms). */
const LOCK_WAIT_MS = 5000;
/** A lock older than this is a crashed writer's leftover, whatever its pid (ms). */
const LOCK_STALE_MS = 30_000;

/**
 * A small JSON file that several processes share (the server, a second server, the CLI): reads
 * are cached and re-read when the file's stat changes, so a change made by another process is
 * seen at the next read; writes take `<file>.lock` (O_EXCL), re-read the file, apply the change
 * and replace the file atomically (temp file, fsync, rename, mode 0600), so two writers at once
 * never lose each other's change.
 */
export class LockedJsonFile<T> {
  private cache: { key: string; data: T } | null = null;
  // Writers in this process queue here, so that only other processes' locks are polled for.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly parse: (raw: unknown) => T,
    private readonly empty: () => T,
    /** A file that cannot be read: an error naming it (users), or start afresh (sessions). */
    private readonly onDamage: 'throw' | 'empty' = 'throw',
  ) {}

  /** The file's current content (the cached copy while its stat is unchanged). */
  read(): T {
    const key = statKey(this.file);
    if (this.cache && this.cache.key === key) return this.cache.data;
    const data = key === 'missing' ? this.empty() : this.decode(readOrNull(this.file));
    this.cache = { key, data };
    return data;
  }

  /** Applies `change` to the freshest content under the lock and writes the result; returns what `change` returned. */
  update<R>(change: (data: T) => R): Promise<R> {
    const run = this.queue.then(() => this.updateLocked(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async updateLocked<R>(change: (data: T) => R): Promise<R> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const release = await this.lock();
    try {
      const text = await readFile(this.file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      const data = text === null ? this.empty() : this.decode(text);
      const result = change(data);
      await this.write(data);
      this.cache = { key: statKey(this.file), data };
      return result;
    } finally {
      await release();
    }
  }

  private decode(text: string | null): T {
    if (text === null) return this.empty(); // removed since the stat
    try {
      return this.parse(JSON.parse(text));
    } catch (err) {
      if (this.onDamage === 'empty') {
        console.error(`Ignoring ${this.file}, which cannot be read: ${(err as Error).message}`);
        return this.empty();
      }
      throw new Error(`Cannot read ${this.file}: ${(err as Error).message}. Fix or delete it.`, {
        cause: err,
      });
    }
  }

  private async write(data: T): Promise<void> {
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(data, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  private async lock(): Promise<() => Promise<void>> {
    const lockFile = `${this.file}.lock`;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(lockFile, 'wx', 0o600);
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return () => unlink(lockFile).catch(() => undefined);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (await isStale(lockFile)) {
        await unlink(lockFile).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS)
        throw new Error(`${lockFile} is held by another Folio process; try again in a moment.`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 + attempt * 5)));
    }
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function statKey(file: string): string {
  const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}` : 'missing';
}

// A lock is stale when the process it names is gone, or when it is far older than any write.
async function isStale(lockFile: string): Promise<boolean> {
  const stat = statSync(lockFile, { throwIfNoEntry: false });
  if (!stat) return false;
  if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
  const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return Date.now() - stat.mtimeMs > 1000; // still being written
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
