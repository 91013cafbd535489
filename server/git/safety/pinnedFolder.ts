import { constants, existsSync } from 'node:fs';
import { type FileHandle, lstat, mkdir, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ensureParentsInside, parentsStillInside, UnsafePathError } from './safePath.ts';

/** A folder held open by descriptor, so that operations inside it cannot be redirected elsewhere. */
export interface PinnedFolder {
  /** A path that names the held folder itself (`/proc/self/fd/N`), whatever is at its old path now. */
  path: string;
  /** True while the folder is still where it was opened (repository-relative path unchanged). */
  stillInPlace: () => Promise<boolean>;
  close: () => Promise<void>;
}

const PROC_FD = '/proc/self/fd';
/** Linux names an open descriptor's file in /proc/self/fd: with it, paths can be resolved at* style. */
export const canPin = existsSync(PROC_FD);
const FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/**
 * Opens the folder holding `path` (under `root`) one component at a time, each with O_NOFOLLOW
 * and O_DIRECTORY relative to the folder before it (through /proc/self/fd, as openat would), and
 * makes missing ones when `create`. A symlink or a file anywhere on the way is UnsafePathError.
 * Writes made through `path` land in that very folder even if its path is swapped for a symlink
 * meanwhile: Node has no openat/linkat/renameat, and this is how Linux offers them.
 */
export async function pinFolder(
  root: string,
  path: string,
  create: boolean,
): Promise<PinnedFolder> {
  const segments = path.split('/').slice(0, -1);
  let handle: FileHandle = await open(root, FLAGS);
  try {
    for (const segment of segments) {
      const next = `${PROC_FD}/${handle.fd}/${segment}`;
      let child: FileHandle;
      try {
        child = await open(next, FLAGS);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && create) {
          await mkdir(next).catch((e: NodeJS.ErrnoException) => {
            if (e.code !== 'EEXIST') throw e;
          });
          child = await open(next, FLAGS).catch((e: NodeJS.ErrnoException) => {
            throw e.code === 'ELOOP' || e.code === 'ENOTDIR'
              ? new UnsafePathError(path, segment)
              : e;
          });
        } else if (code === 'ELOOP' || code === 'ENOTDIR') {
          throw new UnsafePathError(path, segment);
        } else throw err;
      }
      await handle.close();
      handle = child;
    }
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  const held = handle;
  const expected = join(root, ...segments);
  return {
    path: `${PROC_FD}/${held.fd}`,
    stillInPlace: async () => {
      const [now, there] = await Promise.all([
        held.stat({ bigint: true }),
        lstat(expected, { bigint: true }).catch(() => null),
      ]);
      return (
        there !== null && there.isDirectory() && there.ino === now.ino && there.dev === now.dev
      );
    },
    close: () => held.close(),
  };
}

/**
 * Runs `work` on the path of `path`'s file inside its pinned folder (see pinFolder; on systems
 * without /proc, on the path itself after checking the folders on the way), and fails with
 * UnsafePathError when the folder was moved or replaced while it ran.
 */
export async function inPinnedFolder<T>(
  root: string,
  path: string,
  create: boolean,
  work: (file: string) => Promise<T>,
): Promise<T> {
  if (!canPin) {
    await ensureParentsInside(root, path, create);
    const result = await work(join(root, path));
    if (!(await parentsStillInside(root, path))) throw new UnsafePathError(path, basename(path));
    return result;
  }
  const folder = await pinFolder(root, path, create);
  try {
    const result = await work(join(folder.path, basename(path)));
    if (!(await folder.stillInPlace())) throw new UnsafePathError(path, basename(path));
    return result;
  } finally {
    await folder.close();
  }
}

/**
 * The folders one write holds open, one per folder (a write of thousands of files in a few folders
 * holds a few descriptors): files are swapped in, and put back on an undo, through the very folder
 * that was opened, even if its path was swapped for a symlink or the folder moved meanwhile.
 */
export class HeldFolders {
  private readonly held = new Map<string, Promise<PinnedFolder>>();

  /** The held folder of `path`'s file (opened, and made when `create`, on first use). */
  pin(root: string, path: string, create: boolean): Promise<PinnedFolder> {
    const key = `${root}\0${dirname(path)}`;
    let folder = this.held.get(key);
    if (!folder) {
      folder = pinFolder(root, path, create);
      this.held.set(key, folder);
      // A failed opening is not kept: the next file in that folder tries again.
      folder.catch(() => this.held.delete(key));
    }
    return folder;
  }

  /** Closes every held folder. */
  async closeAll(): Promise<void> {
    const folders = [...this.held.values()];
    this.held.clear();
    for (const folder of folders) await (await folder.catch(() => null))?.close();
  }
}
