import fs from 'node:fs';
import git from 'isomorphic-git';
import type { RepositoryLocation } from './locateRepository.ts';

/** The commit the current branch points at, or null in a repository without commits. */
export async function readHead(location: RepositoryLocation): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir: location.gitdir, ref: 'HEAD' });
  } catch (err) {
    if ((err as { code?: string }).code === 'NotFoundError') return null;
    throw err;
  }
}
