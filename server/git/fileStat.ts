import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import type { IndexStat } from './indexFile.ts';

/** What Folio remembers about a working-tree file to notice later edits. */
export interface FileStamp extends IndexStat {
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** Whether any execute bit is set. */
  executable: boolean;
  /** Modification time in nanoseconds, for exact comparisons. */
  mtimeNs: bigint;
}

/** lstat with nanosecond times, or null when nothing is there. */
export async function stampOf(path: string): Promise<FileStamp | null> {
  const s = await lstat(path, { bigint: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
    throw err;
  });
  if (!s) return null;
  const billion = 1_000_000_000n;
  return {
    kind: s.isFile()
      ? 'file'
      : s.isDirectory()
        ? 'directory'
        : s.isSymbolicLink()
          ? 'symlink'
          : 'other',
    executable: (s.mode & 0o111n) !== 0n,
    mtimeNs: s.mtimeNs,
    ctimeSeconds: Number(s.ctimeNs / billion),
    ctimeNanoseconds: Number(s.ctimeNs % billion),
    mtimeSeconds: Number(s.mtimeNs / billion),
    mtimeNanoseconds: Number(s.mtimeNs % billion),
    dev: Number(s.dev % 2n ** 32n),
    ino: Number(s.ino % 2n ** 32n),
    uid: Number(s.uid),
    gid: Number(s.gid),
    size: Number(s.size % 2n ** 32n),
  };
}

/** True when two stamps describe the same, unmodified file. */
export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.kind === b.kind &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ino === b.ino &&
    a.ctimeSeconds === b.ctimeSeconds &&
    a.ctimeNanoseconds === b.ctimeNanoseconds
  );
}

/**
 * True when the stat data git recorded in the index still matches the file, as `git status` checks
 * it: size, inode, mtime and ctime (a program can put an mtime back, never a ctime).
 */
export function matchesIndexStat(stamp: FileStamp, recorded: IndexStat): boolean {
  return (
    stamp.size === recorded.size &&
    stamp.mtimeSeconds === recorded.mtimeSeconds &&
    stamp.mtimeNanoseconds === recorded.mtimeNanoseconds &&
    stamp.ctimeSeconds === recorded.ctimeSeconds &&
    stamp.ctimeNanoseconds === recorded.ctimeNanoseconds &&
    stamp.ino === recorded.ino
  );
}

// fs.Stats times are float milliseconds (sub-microsecond precision lost); the index has nanoseconds.
const TIME_TOLERANCE_MS = 0.002;

/** An index time (seconds and nanoseconds) in milliseconds, as fs.Stats gives times. */
export function indexTimeMs(seconds: number, nanoseconds: number): number {
  return seconds * 1000 + nanoseconds / 1e6;
}

/**
 * True when a file's stat data (an open file's fstat) still match what the index recorded: size,
 * inode, mtime and ctime, as `git status` checks them. Only meaningful for entries that are not
 * racy (changed before the index was written), or an edit in the same clock tick could hide.
 */
export function matchesRecordedStat(info: Stats, recorded: IndexStat): boolean {
  return (
    info.size === recorded.size &&
    info.ino % 2 ** 32 === recorded.ino &&
    Math.abs(info.mtimeMs - indexTimeMs(recorded.mtimeSeconds, recorded.mtimeNanoseconds)) <
      TIME_TOLERANCE_MS &&
    Math.abs(info.ctimeMs - indexTimeMs(recorded.ctimeSeconds, recorded.ctimeNanoseconds)) <
      TIME_TOLERANCE_MS
  );
}
