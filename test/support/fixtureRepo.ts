import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitCli } from './gitCli.ts';
import { makeTempDir } from './tempRepo.ts';

/** Files of a fixture repository: repository path -> content. */
export type FixtureFiles = Record<string, string | Buffer>;

/** Writes `files` into the working tree at `dir` (creating folders). */
export function writeFiles(dir: string, files: FixtureFiles): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** A temporary git repository (branch main) whose first commit, made by the git CLI with pinned dates, holds `files`. */
export function makeFixtureRepo(files: FixtureFiles): { dir: string; cleanup: () => void } {
  const tmp = makeTempDir();
  const dir = join(tmp.path, 'site');
  mkdirSync(dir);
  gitCli(dir, ['init', '-q', '-b', 'main']);
  writeFiles(dir, files);
  gitCli(dir, ['add', '-A']);
  gitCli(dir, ['commit', '-q', '-m', 'Initial import']);
  return { dir, cleanup: tmp.cleanup };
}

/** A bare clone of `source` next to it (`site.git`), as a server-side repository would be. */
export function makeBareClone(source: string): string {
  const bare = `${source}.git`;
  gitCli(dirname(source), ['clone', '-q', '--bare', source, bare]);
  return bare;
}

/** Commits `files` with the git CLI, as an editor working outside Folio would. */
export function commitOutside(dir: string, files: FixtureFiles, message: string): string {
  writeFiles(dir, files);
  gitCli(dir, ['add', '-A']);
  gitCli(dir, ['commit', '-q', '-m', message]);
  return gitCli(dir, ['rev-parse', 'HEAD']);
}
