import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../server/git/safety/crashPoints.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import { makeTempDir, PROJECT_ROOT } from '../support/tempRepo.ts';

// A crash at each named instant of a write (Folio kills itself there: FOLIO_CRASH_AT), then a new
// Folio on the same repository: whatever the instant, git and Folio must both read a consistent
// repository, the working tree and the index must match HEAD, and a native `git commit` must
// commit only what the person staged (the index never lags behind Folio's commits).

const POSTS: Record<string, string> = {
  'content/posts/a.md': '---\ntitle: A\n---\nAlpha.\n',
  'content/posts/b.md': '---\ntitle: B\n---\nBeta.\n',
  'content/posts/c.md': '---\ntitle: C\n---\nGamma.\n',
};
const SAVES: Record<string, string | null> = {
  'content/posts/a.md': '---\ntitle: A2\n---\nAlpha, saved.\n',
  'content/posts/b.md': null,
  'content/posts/new/d.md': '---\ntitle: D\n---\nDelta, new.\n',
};

const POINTS: { point: CrashPoint; landed: boolean }[] = [
  { point: 'after-journal', landed: false },
  { point: 'after-index-lock', landed: false },
  { point: 'after-first-file', landed: false },
  { point: 'after-files', landed: false },
  { point: 'after-ref-lock', landed: false },
  { point: 'after-ref-move', landed: true },
  { point: 'after-index', landed: true },
];

function crashWhileSaving(repo: string, point: CrashPoint): void {
  const spec = join(repo, '..', 'saves.json');
  writeFileSync(spec, JSON.stringify(SAVES));
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'test/reliability/crashChild.ts'), repo, spec],
    { env: { ...process.env, FOLIO_CRASH_AT: point }, encoding: 'utf8', timeout: 60_000 },
  );
  expect(child.signal, child.stderr).toBe('SIGKILL');
}

describe('a crash at any instant of a write', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  for (const { point, landed } of POINTS) {
    it(`leaves a consistent repository: crash ${point}`, async () => {
      const repo = makeFixtureRepo(POSTS);
      cleanups.push(repo.cleanup);
      const before = gitCli(repo.dir, ['rev-parse', 'HEAD']);
      crashWhileSaving(repo.dir, point);
      const moved = gitCli(repo.dir, ['rev-parse', 'HEAD']) !== before;
      expect(moved).toBe(landed);

      const folio = await openFolio(repo.dir); // recovery runs as Folio opens the repository
      expectHealthyRepo(repo.dir); // fsck --strict, and git status --porcelain is empty
      expect(gitCli(repo.dir, ['diff-index', '--cached', 'HEAD'])).toBe('');
      expect(existsSync(join(repo.dir, '.git/index.lock'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git/refs/heads/main.lock'))).toBe(false);
      expect(readdirSync(join(repo.dir, '.git/folio/journal'))).toEqual([]);
      for (const [path, content] of Object.entries(landed ? SAVES : POSTS)) {
        if (content === null) expect(existsSync(join(repo.dir, path))).toBe(false);
        else expect(readFileSync(join(repo.dir, path), 'utf8')).toBe(content);
      }
      if (!landed) expect(existsSync(join(repo.dir, 'content/posts/new'))).toBe(false);

      // Folio saves again at once, and a native commit of an unrelated file commits only that file.
      const id = 'content/posts/c.md';
      const { body } = await folio.agent.get(entryUrl(id)).expect(200);
      await folio.agent
        .put(entryUrl(id))
        .send({ frontMatter: { title: 'C2' }, body: body.body, baseOid: body.oid })
        .expect(200);
      writeFileSync(join(repo.dir, 'notes.txt'), 'unrelated\n');
      gitCli(repo.dir, ['add', 'notes.txt']);
      gitCli(repo.dir, ['commit', '-q', '-m', 'Native commit']);
      expect(gitCli(repo.dir, ['show', '--format=', '--name-status', 'HEAD'])).toBe('A\tnotes.txt');
      expectHealthyRepo(repo.dir);
    }, 60_000);
  }
});

describe('recovery while a folder is swapped for a symlink', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('writes nothing through it, keeps the journal, and finishes once the folder is back', async () => {
    const repo = makeFixtureRepo(POSTS);
    cleanups.push(repo.cleanup);
    const outside = makeTempDir('folio-outside-');
    cleanups.push(outside.cleanup);
    writeFileSync(join(outside.path, 'keep.txt'), 'not in the repository\n');
    crashWhileSaving(repo.dir, 'after-files'); // a.md replaced, new/d.md created, branch not moved
    const posts = join(repo.dir, 'content/posts');
    const real = join(repo.dir, '..', 'posts-real');
    renameSync(posts, real);
    symlinkSync(outside.path, posts);

    const folio = await openFolio(repo.dir); // recovery cannot put the files back now
    expect(readdirSync(outside.path)).toEqual(['keep.txt']);
    expect(readdirSync(join(repo.dir, '.git/folio/journal'))).toHaveLength(1);

    unlinkSync(posts);
    renameSync(real, posts);
    await folio.ctx.store.recover(); // as before every batch
    expect(readdirSync(join(repo.dir, '.git/folio/journal'))).toEqual([]);
    expect(existsSync(join(posts, 'new'))).toBe(false);
    for (const [path, content] of Object.entries(POSTS))
      expect(readFileSync(join(repo.dir, path), 'utf8')).toBe(content);
    expect(readdirSync(outside.path)).toEqual(['keep.txt']);
    expectHealthyRepo(repo.dir);
  }, 60_000);
});

describe("Folio's own write lock", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('is taken over from a dead Folio at once, and from a crash that left it empty after a few seconds', async () => {
    const repo = makeFixtureRepo(POSTS);
    cleanups.push(repo.cleanup);
    const lock = join(repo.dir, '.git/folio/write.lock');
    mkdirSync(join(repo.dir, '.git/folio'), { recursive: true });
    // A Folio that died holding the lock: its owner record names a process that no longer runs.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    expect(dead.status).toBe(0);
    writeFileSync(
      lock,
      JSON.stringify({ owner: { pid: dead.pid, bootId: null, startTicks: null } }),
    );
    const folio = await openFolio(repo.dir);
    const save = async (title: string) => {
      const { body } = await folio.agent.get(entryUrl('content/posts/c.md')).expect(200);
      return folio.agent
        .put(entryUrl('content/posts/c.md'))
        .send({ frontMatter: { title }, body: body.body, baseOid: body.oid });
    };
    expect((await save('C2')).status).toBe(200);
    expect(existsSync(lock)).toBe(false);
    // An empty lock (a crash between creating it and writing its owner): stale once it is old.
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect((await save('C3')).status).toBe(200);
    expectHealthyRepo(repo.dir);
  }, 60_000);
});
