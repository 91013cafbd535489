import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';

/**
 * The promisor remote of a partial clone (`git clone --filter=blob:none`): the remote configured
 * with `promisor = true`, or named by `extensions.partialClone` (older git), or "a promisor remote"
 * when only the `.promisor` packs tell; null for a complete repository. Git fetches missing
 * objects from that remote on demand; Folio does not (it never runs git or opens the network), so
 * it reports them as unavailable.
 */
export async function readPromisorRemote(commonDir: string): Promise<string | null> {
  const config = (path: string): Promise<unknown> =>
    git.getConfig({ fs, gitdir: commonDir, path }).catch(() => undefined);
  const extension = await config('extensions.partialclone');
  if (typeof extension === 'string' && extension) return extension;
  const remotes = await git.listRemotes({ fs, gitdir: commonDir }).catch(() => []);
  for (const { remote } of remotes) {
    const promisor = await config(`remote.${remote}.promisor`);
    if (promisor === true || promisor === 'true') return remote;
  }
  const packs = await readdir(join(commonDir, 'objects', 'pack')).catch(() => [] as string[]);
  return packs.some((name) => name.endsWith('.promisor')) ? 'a promisor remote' : null;
}
