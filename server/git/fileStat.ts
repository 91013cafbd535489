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

/** True when the stat data git recorded in the index still matches the file, as `git status` checks it. */
export function matchesIndexStat(stamp: FileStamp, recorded: IndexStat): boolean {
  return (
    stamp.size === recorded.size &&
    stamp.mtimeSeconds === recorded.mtimeSeconds &&
    stamp.mtimeNanoseconds === recorded.mtimeNanoseconds &&
    stamp.ino === recorded.ino
  );
}

/**
 * What the git index recorded about a file it saw as a given blob, kept only when the entry is not
 * racy (written before the index itself, so a later edit in the same clock tick cannot hide).
 * Times are milliseconds with their fraction, as fs.Stats gives them.
 */
export interface RecordedStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

// fs.Stats times are float milliseconds (sub-microsecond precision lost); the index has nanoseconds.
const TIME_TOLERANCE_MS = 0.002;

/** True when a file's stat data still match what the index recorded, as `git status` checks them. */
export function matchesRecordedStat(info: Stats, recorded: RecordedStat): boolean {
  return (
    info.size === recorded.size &&
    info.ino % 2 ** 32 === recorded.ino &&
    Math.abs(info.mtimeMs - recorded.mtimeMs) < TIME_TOLERANCE_MS &&
    Math.abs(info.ctimeMs - recorded.ctimeMs) < TIME_TOLERANCE_MS
  );
}
