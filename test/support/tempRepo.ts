import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCli } from './gitCli.ts';

/** The repository root of Folio itself. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

/** A throwaway folder under the system temp dir; `cleanup` removes it. */
export function makeTempDir(prefix = 'folio-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Makes a git repository (branch main, one commit by the git CLI) from a copy of `source`. */
export function makeRepoFrom(source: string, target: string): string {
  cpSync(source, target, {
    recursive: true,
    filter: (src) => !/[\\/](public|resources|\.hugo_build\.lock)$/.test(src.slice(source.length)),
  });
  gitCli(target, ['init', '-q', '-b', 'main']);
  gitCli(target, ['add', '-A']);
  gitCli(target, ['commit', '-q', '-m', 'Initial import']);
  return target;
}

/** A temporary git repository holding a copy of the sample site in content/. */
export function makeSampleRepo(): { dir: string; cleanup: () => void } {
  const tmp = makeTempDir();
  const dir = makeRepoFrom(join(PROJECT_ROOT, 'content'), join(tmp.path, 'site'));
  return { dir, cleanup: tmp.cleanup };
}
