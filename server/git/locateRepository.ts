import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/** Where a repository lives: its working tree (null when bare) and its git directory. */
export interface RepositoryLocation {
  dir: string | null;
  gitdir: string;
}

/** Finds the git directory of a working tree or bare repository at `path`; throws a clear error otherwise. */
export async function locateRepository(path: string): Promise<RepositoryLocation> {
  const root = resolve(path);
  const dotGit = join(root, '.git');
  const dotGitStat = await stat(dotGit).catch(() => null);
  if (dotGitStat?.isDirectory()) return { dir: root, gitdir: dotGit };
  if (dotGitStat?.isFile()) {
    // A linked worktree or submodule: `.git` is a file that names the real git directory.
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'));
    if (match?.[1])
      return { dir: root, gitdir: isAbsolute(match[1]) ? match[1] : resolve(root, match[1]) };
  }
  const [head, objects] = await Promise.all([
    stat(join(root, 'HEAD')).catch(() => null),
    stat(join(root, 'objects')).catch(() => null),
  ]);
  if (head?.isFile() && objects?.isDirectory()) return { dir: null, gitdir: root };
  throw new Error(
    `${root} is not a git repository (no .git folder, and not a bare repository). ` +
      'Run `git init` there, or pass --repo with the path of an existing repository.',
  );
}
