import { readFileSync, statSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * The commits a shallow clone has without their parents, from `<git dir>/shallow` (one id a line,
 * written by `git clone --depth`, `git fetch --deepen`, removed by `git fetch --unshallow`). Git
 * treats them as root commits ("grafted"), and so does Folio. The file is re-read only when its
 * stat data change, so checking costs one synchronous stat.
 */
export class ShallowCommits {
  private stamp = '';
  private commits: ReadonlySet<string> = new Set();
  private key = '';

  constructor(private readonly file: string) {
    this.refresh();
  }

  /** Re-reads the file if it changed; true when the set of shallow commits changed. */
  refresh(): boolean {
    const info = statSync(this.file, { throwIfNoEntry: false });
    const stamp = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : '';
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    let text = '';
    try {
      text = info ? readFileSync(this.file, 'latin1') : '';
    } catch (err) {
      // Removed between the stat and the read (an unshallow): no shallow commits.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const ids = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[0-9a-f]{40}$/.test(line))
      .sort();
    const key = ids.length ? `${ids.length}-${crc32(ids.join('\n')).toString(16)}` : '';
    if (key === this.key) return false;
    this.key = key;
    this.commits = new Set(ids);
    return true;
  }

  /** True when `oid` is a shallow commit (its parents are not in this clone). */
  has(oid: string): boolean {
    return this.commits.has(oid);
  }

  /** A short fingerprint of the set, '' when the repository is not shallow (caches record it). */
  get fingerprint(): string {
    return this.key;
  }
}
