import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { initRepository } from '../git/initRepository.ts';

/** Copies the sample site into `target` and commits it, unless a repository is already there. */
export async function prepareSampleSite(
  source: string,
  target: string,
): Promise<{ created: boolean }> {
  if (await stat(join(target, '.git')).catch(() => null)) return { created: false };
  const generated = new Set(['public', 'resources', '.hugo_build.lock']);
  await cp(source, target, {
    recursive: true,
    errorOnExist: false,
    filter: (src) => !generated.has(src.slice(source.length + 1).split(/[\\/]/)[0] ?? ''),
  });
  await initRepository(target, 'Initial commit: Folio sample site', {
    name: 'Folio',
    email: 'folio@localhost',
  });
  return { created: true };
}
