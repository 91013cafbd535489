import { lstat, mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';

/** A folder on the way to a working-tree file is not a real folder inside the repository. */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    readonly segment: string,
  ) {
    super(`${segment} is not a folder in the working tree`);
    this.name = 'UnsafePathError';
  }
}

const realRoots = new Map<string, Promise<string>>();

function realRoot(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (!real) {
    real = realpath(root);
    realRoots.set(root, real);
    real.catch(() => realRoots.delete(root));
  }
  return real;
}

/**
 * Checks, at the moment of use, that every folder on the way from `root` to `path` is a real folder
 * (never a symlink, never a file) and resolves to where it should under the repository, making the
 * missing ones (one at a time, so a symlink put in their place is noticed). Returns the folder.
 * Node has no openat/renameat, so callers check again right after writing and undo on a swap.
 */
export async function ensureParentsInside(
  root: string,
  path: string,
  create: boolean,
): Promise<string> {
  const segments = path.split('/').slice(0, -1);
  let current = root;
  for (const segment of segments) {
    current = join(current, segment);
    let info = await lstat(current).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      if (err.code === 'ENOTDIR') throw new UnsafePathError(path, segment);
      throw err;
    });
    if (!info && create) {
      await mkdir(current).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
      info = await lstat(current);
    }
    if (!info) return current;
    if (!info.isDirectory()) throw new UnsafePathError(path, segment);
  }
  const expected = join(await realRoot(root), ...segments);
  const actual = await realpath(current).catch(() => null);
  if (actual !== expected) throw new UnsafePathError(path, segments.at(-1) ?? '.');
  return current;
}

/** True when `ensureParentsInside` still holds for `path` (used right after a write). */
export async function parentsStillInside(root: string, path: string): Promise<boolean> {
  try {
    await ensureParentsInside(root, path, false);
    return true;
  } catch {
    return false;
  }
}
