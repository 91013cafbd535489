import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type FileStamp, sameStamp, stampOf } from '../fileStat.ts';
import {
  canPin,
  type HeldFolders,
  inPinnedFolder,
  type PinnedFolder,
  pinFolder,
} from './pinnedFolder.ts';
import { ensureParentsInside, parentsStillInside, UnsafePathError } from './safePath.ts';

/** Someone changed the file while Folio was replacing it: their bytes are kept, Folio's write undone. */
export class FileRaceError extends Error {
  constructor(
    readonly path: string,
    reason = 'changed in the working tree during the save',
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FileRaceError';
  }
}

/** Where one file's replacement keeps its temporary copies (named after the write's journal). */
export interface SwapNames {
  /** Folder for temporary files (Folio's, inside the git directory). */
  tmpDir: string;
  /** Unique stem, e.g. `<journal id>-<n>`. */
  stem: string;
}

/** A file replaced (or created, or removed) in the working tree, which can still be undone. */
export interface Swapped {
  /** The working tree's root, and the file's repository-relative path. */
  root: string;
  path: string;
  file: string;
  /** The previous file, moved aside (null when the file was created). */
  aside: string | null;
  /** Inode of the new file (null when the file was removed). */
  ino: bigint | null;
  /** The new file's modification time as written (null when the file was removed). */
  mtimeNs: bigint | null;
  /** The folder the file was swapped in, still held open (null: not held; undo pins it again). */
  folder: PinnedFolder | null;
}

/** Paths of the two temporary files of a swap: in Folio's folder, or beside the file (EXDEV). */
export function swapPaths(
  names: SwapNames,
  file: string,
  local: boolean,
): { fresh: string; aside: string } {
  const folder = local ? dirname(file) : names.tmpDir;
  const prefix = local ? `.folio-${names.stem}` : names.stem;
  return { fresh: join(folder, `${prefix}.new`), aside: join(folder, `${prefix}.old`) };
}

const isExdev = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'EXDEV';

/**
 * Replaces the working-tree file at `path` (under `root`) with `content`, only if it is still
 * exactly the file that was checked (`expected`; null: nothing may be there). The old file is moved
 * aside first (an atomic grab of whatever is there), checked, and the new one linked in (which
 * never clobbers a file that appeared meanwhile); the moved file is checked again afterwards, for
 * an editor writing in place. On any race the person's bytes stay and FileRaceError is thrown.
 * `content` null removes the file. Folders on the way are checked just before and after.
 */
export async function swapFile(
  root: string,
  path: string,
  content: Buffer | null,
  executable: boolean,
  expected: FileStamp | null,
  names: SwapNames,
  held?: HeldFolders,
): Promise<Swapped> {
  const file = join(root, path);
  let folder: PinnedFolder | null = null;
  // Only a created file may need its folders made (a replaced one's folder must still be there).
  const create = content !== null && expected === null;
  try {
    if (canPin)
      folder = await (held ? held.pin(root, path, create) : pinFolder(root, path, create));
    else await ensureParentsInside(root, path, create);
  } catch (err) {
    if (err instanceof UnsafePathError) throw new FileRaceError(path, err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new FileRaceError(path, 'a folder on its path changed during the save');
    throw err;
  }
  // Inside a pinned folder, every operation names the folder Folio opened, not whatever its path
  // leads to now (a symlink put there meanwhile leads nowhere Folio writes).
  const target = folder ? join(folder.path, basename(path)) : file;
  const inPlace = async (): Promise<boolean> =>
    (!folder || (await folder.stillInPlace())) && (await parentsStillInside(root, path));
  const kept = held ? folder : null;
  try {
    try {
      return {
        ...(await swapIn(path, target, content, executable, expected, names, false, inPlace)),
        root,
        file,
        folder: kept,
      };
    } catch (err) {
      if (!isExdev(err)) throw err;
      return {
        ...(await swapIn(path, target, content, executable, expected, names, true, inPlace)),
        root,
        file,
        folder: kept,
      };
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP')
      throw new FileRaceError(path, 'a folder on its path changed during the save');
    throw err;
  } finally {
    if (!held) await folder?.close();
  }
}

async function swapIn(
  path: string,
  file: string,
  content: Buffer | null,
  executable: boolean,
  expected: FileStamp | null,
  names: SwapNames,
  local: boolean,
  inPlace: () => Promise<boolean>,
): Promise<Omit<Swapped, 'root' | 'folder'>> {
  const { fresh, aside } = swapPaths(names, file, local);
  if (!local) await mkdir(names.tmpDir, { recursive: true });
  let ino: bigint | null = null;
  let mtimeNs: bigint | null = null;
  if (content) {
    await writeFile(fresh, content, { mode: executable ? 0o777 : 0o666 });
    ({ ino, mtimeNs } = await stat(fresh, { bigint: true }));
  }
  const dropFresh = (): Promise<void> =>
    content ? unlink(fresh).catch(() => undefined) : Promise.resolve();
  let moved: string | null = null;
  try {
    if (expected) {
      if (!sameStamp(expected, await stampOf(file))) throw new FileRaceError(path);
      await rename(file, aside);
      moved = aside;
      if (!sameFile(expected, await stampOf(aside))) throw new FileRaceError(path);
    }
    if (content) {
      try {
        await link(fresh, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileRaceError(path);
        throw err;
      }
      await unlink(fresh);
    }
    if (!(await inPlace())) {
      // A folder on the way was moved or replaced while writing: take the new file back.
      if (content && (await stat(file, { bigint: true }).catch(() => null))?.ino === ino)
        await unlink(file).catch(() => undefined);
      throw new FileRaceError(path, 'a folder on its path was replaced during the save');
    }
    if (expected && !sameFile(expected, await stampOf(aside))) throw new FileRaceError(path);
    return { path, file, aside: moved, ino, mtimeNs };
  } catch (err) {
    await dropFresh();
    if (moved) await putBackAt(file, moved, content ? ino : null);
    throw err;
  }
}

// The file moved aside is still the one checked: the rename changed its ctime, nothing else may.
function sameFile(expected: FileStamp, actual: FileStamp | null): boolean {
  return (
    actual !== null &&
    actual.kind === expected.kind &&
    actual.ino === expected.ino &&
    actual.size === expected.size &&
    actual.mtimeNs === expected.mtimeNs
  );
}

/**
 * Undoes a swap: the moved-aside file goes back in place of Folio's (only over Folio's own new file,
 * never over one someone wrote since), and a created file is removed while it is still Folio's.
 * Done in the folder the swap used, still held open (wherever it is now: Folio's file is taken out
 * of the folder it was put in, and the person's file goes back to its own folder), or else inside
 * the folder pinned again, so that a folder swapped for a symlink since cannot lead the file
 * outside; then it throws, and the moved-aside file stays in Folio's folder (nothing lost).
 */
export async function putBack(swapped: Swapped): Promise<void> {
  if (swapped.folder) {
    await putBackAt(join(swapped.folder.path, basename(swapped.path)), swapped.aside, swapped.ino);
    return;
  }
  await inPinnedFolder(swapped.root, swapped.path, false, (file) =>
    putBackAt(file, swapped.aside, swapped.ino),
  );
}

async function putBackAt(file: string, aside: string | null, ino: bigint | null): Promise<void> {
  const current = await stat(file, { bigint: true }).catch(() => null);
  const ours = current !== null && ino !== null && current.ino === ino;
  if (aside) {
    if (!current)
      await link(aside, file).then(
        () => unlink(aside),
        () => undefined,
      );
    else if (ours) await rename(aside, file);
    else await unlink(aside).catch(() => undefined);
  } else if (ours) {
    await unlink(file).catch(() => undefined);
  }
}

/**
 * The stat data of the file Folio linked in, for its index entry, or null when the file at its
 * path is no longer exactly Folio's (another inode, size or mtime: someone wrote since), so that
 * the index records none and `git status` compares the contents instead of trusting a stat that
 * describes the person's file.
 */
export async function stampOfSwappedIn(swapped: Swapped, size: number): Promise<FileStamp | null> {
  if (swapped.ino === null) return null;
  const stamp = await stampOf(swapped.file);
  if (!stamp || stamp.kind !== 'file') return null;
  const ours =
    BigInt(stamp.ino) === swapped.ino % 2n ** 32n &&
    stamp.size === size % 2 ** 32 &&
    stamp.mtimeNs === swapped.mtimeNs;
  return ours ? stamp : null;
}

/** Forgets a swap once the commit landed: the moved-aside file is deleted. */
export async function dropAside(swapped: Swapped): Promise<void> {
  if (swapped.aside) await unlink(swapped.aside).catch(() => undefined);
}
