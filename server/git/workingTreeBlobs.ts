import { type Stats, closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { matchesRecordedStat } from './fileStat.ts';
import type { IndexStat } from './indexFile.ts';
import { isFileMode } from './treeObject.ts';
import { hashObject } from './writeLooseObject.ts';

// Bigger files are read from the object store (a Markdown post is a few kilobytes).
const MAX_FILE_BYTES = 8 * 1024 * 1024;
// No FIFO can block the open, and a symlink at the path is refused instead of followed.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
// readEach reads files into this much memory at a time, then uses them, then reads the next ones.
const BATCH_BYTES = 1024 * 1024;

/** A committed file to look for in the working tree. */
export interface WorkingFile {
  path: string;
  oid: string;
  mode: string;
  /** What the git index recorded when it last saw the file as this blob, if it vouches for it. */
  recorded?: IndexStat;
}

/**
 * Reads committed blobs from the working tree instead of the object store: reading a few kilobytes
 * from a file and hashing them is far cheaper than inflating (and undeltifying) them from a pack.
 * A file is used only when it is certainly the blob the tree names: its bytes hash to that id, or
 * the git index recorded it as that blob and its stat data still match (the check `git status`
 * makes). Uncommitted edits, line-ending filters or a file replaced by something else are never
 * mistaken for the committed version: the caller then reads the object as usual.
 */
export class WorkingTreeBlobs {
  /** Files whose bytes were used / files that were missing or differed. */
  readonly stats = { hits: 0, misses: 0 };
  private batch = Buffer.allocUnsafe(0);

  constructor(private readonly dir: string) {}

  /** The committed content of `path` (blob `oid`, file `mode`) when the working tree has it unchanged, else null. */
  read(path: string, oid: string, mode: string): Buffer | null {
    if (!isFileMode(mode)) return null;
    const fd = openFile(this.dir, path);
    let content: Buffer | null = null;
    if (fd !== null) {
      try {
        const size = regularFileSize(fstatSync(fd));
        if (size >= 0) content = readExactly(fd, Buffer.allocUnsafe(size), 0, size);
      } catch {
        content = null;
      } finally {
        closeSync(fd);
      }
    }
    return this.verdict(content, oid, false) ? content : null;
  }

  /**
   * Calls `use(i, bytes)` for each of `files` that the working tree has unchanged, and returns the
   * positions of the others (read them from the object store). For a whole listing at once: files
   * are read a batch at a time into one reused buffer, so `bytes` is only valid during the call.
   */
  readEach(files: readonly WorkingFile[], use: (i: number, bytes: Buffer) => void): number[] {
    const missed: number[] = [];
    // Where each file of a batch lies in the buffer (start -1: unusable), and whether the index vouches for it.
    const starts: number[] = [];
    const ends: number[] = [];
    const vouched: boolean[] = [];
    let next = 0;
    while (next < files.length) {
      const first = next;
      let used = 0;
      starts.length = ends.length = vouched.length = 0;
      for (; next < files.length; next++) {
        const file = files[next]!;
        const read = this.readInto(file, used, next === first);
        if (read === 'full') break; // it opens the next batch
        starts.push(read ? used : -1);
        vouched.push(read ? read.vouched : false);
        if (read) used += read.size;
        ends.push(used);
      }
      for (let k = 0; k < starts.length; k++) {
        const bytes = starts[k]! < 0 ? null : this.batch.subarray(starts[k], ends[k]);
        if (this.verdict(bytes, files[first + k]!.oid, vouched[k]!)) use(first + k, bytes!);
        else missed.push(first + k);
      }
    }
    return missed;
  }

  // Reads `file` into the batch buffer at `at`: its size and whether the index vouches for it; null
  // when it cannot be used; 'full' when it does not fit after other files (the buffer grows for a
  // file alone). Read first, stat after: a write that overlaps the read changes the stat data.
  private readInto(
    file: WorkingFile,
    at: number,
    alone: boolean,
  ): { size: number; vouched: boolean } | 'full' | null {
    if (!isFileMode(file.mode)) return null;
    const fd = openFile(this.dir, file.path);
    if (fd === null) return null;
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const room = this.batch.length - at;
        const read = room > 0 ? readSync(fd, this.batch, at, room, 0) : 0;
        const info = fstatSync(fd);
        const size = regularFileSize(info);
        if (size < 0) return null;
        if (read === size && size < room) {
          const recorded = file.recorded;
          return { size, vouched: recorded !== undefined && matchesRecordedStat(info, recorded) };
        }
        if (read < size && read < room) return null; // shorter than its stat: being rewritten
        if (!alone) return 'full';
        this.batch = Buffer.allocUnsafe(Math.max(size + 1, BATCH_BYTES));
      }
      return null;
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }

  // Whether `content` is blob `oid`, counted as a hit or a miss.
  private verdict(content: Buffer | null, oid: string, vouched: boolean): boolean {
    const same = content !== null && (vouched || hashObject('blob', content) === oid);
    if (same) this.stats.hits++;
    else this.stats.misses++;
    return same;
  }
}

// Synchronous on purpose: a few kilobytes from the page cache take microseconds, while the async
// API costs four thread-pool round trips per file (4-5x slower for 10,000 posts). Callers read in
// small batches and yield to the event loop between them.
function openFile(dir: string, path: string): number | null {
  try {
    return openSync(`${dir}/${path}`, OPEN_FLAGS);
  } catch {
    return null;
  }
}

// The size of a regular file small enough to read here, else -1.
function regularFileSize(info: Stats): number {
  return info.isFile() && info.size <= MAX_FILE_BYTES ? info.size : -1;
}

// `size` bytes into `buf` at `at`; null when the file is shorter than its stat said (it is being
// rewritten: the hash check would fail anyway).
function readExactly(fd: number, buf: Buffer, at: number, size: number): Buffer | null {
  let done = 0;
  while (done < size) {
    const read = readSync(fd, buf, at + done, size - done, done);
    if (read === 0) return null;
    done += read;
  }
  return buf;
}
