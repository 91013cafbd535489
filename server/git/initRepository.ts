import fs from 'node:fs';
import git from 'isomorphic-git';

/** Makes `dir` (already holding files) a git repository on `main` with one commit of everything in it. */
export async function initRepository(
  dir: string,
  message: string,
  author: { name: string; email: string },
): Promise<string> {
  await git.init({ fs, dir, defaultBranch: 'main' });
  const files = await git.statusMatrix({ fs, dir });
  for (const [filepath] of files) await git.add({ fs, dir, filepath });
  return git.commit({ fs, dir, message, author });
}
