import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The bytes of `path` in the working tree at `dir`, or null when it is not there as a regular file
 * reached through real folders (a symlink on the way could point outside the repository).
 */
export async function readWorkingTreeFile(dir: string, path: string): Promise<Buffer | null> {
  const segments = path.split('/');
  let current = dir;
  for (const [i, segment] of segments.entries()) {
    current = join(current, segment);
    const stat = await lstat(current).catch(() => null);
    if (!stat) return null;
    const last = i === segments.length - 1;
    if (last ? !stat.isFile() : !stat.isDirectory()) return null;
  }
  return readFile(current).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ELOOP') return null;
    throw err;
  });
}
