// A remote on this machine (a path, a relative path or a file:// URL), as `git clone /srv/site.git`
// leaves it: Folio pushes each save to it and brings in what others pushed, fast-forward only; a
// working copy with the branch checked out is refused as git refuses it.
import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';
import { POSTS, pushNative, saveTitle } from './syncSupport.ts';

const A = 'content/posts/a.md';
const B = 'content/posts/b.md';

describe('a remote on this machine', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  function bareRemote() {
    const tmp = makeTempDir('folio-local-remote-');
    cleanups.push(tmp.cleanup);
    const source = makeFixtureRepo(POSTS);
    cleanups.push(source.cleanup);
    const bare = join(tmp.path, 'site.git');
    gitCli(tmp.path, ['clone', '-q', '--bare', source.dir, bare]);
    const clone = (name: string, url = bare): string => {
      gitCli(tmp.path, ['clone', '-q', url, name]);
      return join(tmp.path, name);
    };
    return { tmp: tmp.path, bare, clone };
  }

  function expectHealthy(...repos: string[]): void {
    for (const repo of repos) {
      gitCli(repo, ['fsck', '--strict', '--no-progress']);
      if (!repo.endsWith('.git')) expect(gitCli(repo, ['status', '--porcelain'])).toBe('');
    }
  }

  it('pushes each save to a bare repository at a path, and replays onto what others pushed', async () => {
    const { bare, clone } = bareRemote();
    const dir = clone('folio');
    // A deploy hook on the remote: Folio says at start that its local pushes do not run it.
    writeFileSync(join(bare, 'hooks/post-receive'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bare, 'hooks/post-receive'), 0o755);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const folio = await openFolio(dir);
    expect(warn.mock.calls.flat().join(' ')).toMatch(/post-receive hook, which Folio's pushes/);
    warn.mockRestore();
    expect(folio.ctx.sync).not.toBeNull();
    const first = await saveTitle(folio, A, 'Saved through a path');
    expect(first.status).toBe(200);
    expect(first.body.sync).toBe('pushed');
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(gitCli(dir, ['rev-parse', 'HEAD']));
    expect(gitCli(bare, ['log', '-1', '--format=%s', 'main'])).toMatch(/a\.md|A|Saved/);

    // Someone pushes another post natively; Folio's next save lands on top of it, in a line.
    const other = clone('other');
    const theirs = pushNative(other, B, '---\ntitle: B by git\n---\nBeta.\n', 'B natively');
    const second = await saveTitle(folio, A, 'Second save');
    expect(second.status).toBe(200);
    expect(second.body.sync).toBe('pushed');
    expect(gitCli(bare, ['rev-parse', 'main^'])).toBe(theirs);
    expect(gitCli(bare, ['rev-list', '--merges', 'main'])).toBe('');
    expect(gitCli(bare, ['show', `main:${B}`])).toContain('B by git');
    expect(gitCli(dir, ['show', `HEAD:${B}`])).toContain('B by git');

    // What others push is brought in on a sync, and shown.
    pushNative(other, B, '---\ntitle: B again\n---\nBeta.\n', 'B again');
    await folio.ctx.sync!.syncNow();
    const { body } = await folio.agent.get(entryUrl(B)).expect(200);
    expect(body.frontMatter.title).toBe('B again');
    expectHealthy(bare, dir, other);
  });

  it("moves origin/main under git's lock, never half-written, and a push beside a git fetch still lands", async () => {
    const { bare, clone } = bareRemote();
    const dir = clone('folio');
    const folio = await openFolio(dir);
    const tracking = join(dir, '.git/refs/remotes/origin/main');
    const before = gitCli(dir, ['rev-parse', 'refs/remotes/origin/main']);
    // A native `git fetch` holds the ref's lock: Folio's save still lands on the remote, and the
    // ref is left to that fetch (Folio neither writes past the lock nor removes it).
    writeFileSync(`${tracking}.lock`, '');
    const saved = await saveTitle(folio, A, 'Pushed beside a git fetch');
    expect(saved.status).toBe(200);
    expect(saved.body.sync).toBe('pushed');
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(gitCli(dir, ['rev-parse', 'HEAD']));
    expect(gitCli(dir, ['rev-parse', 'refs/remotes/origin/main'])).toBe(before);
    expect(existsSync(`${tracking}.lock`)).toBe(true);
    unlinkSync(`${tracking}.lock`);

    // Once the lock is gone, a sync brings origin/main to the remote's head, renamed into place.
    const theirs = pushNative(
      clone('other'),
      B,
      '---\ntitle: B by git\n---\nBeta.\n',
      'B natively',
    );
    await folio.ctx.sync!.syncNow();
    expect(readFileSync(tracking, 'utf8')).toBe(`${theirs}\n`);
    expect(existsSync(`${tracking}.lock`)).toBe(false);
    expectHealthy(bare, dir);
  });

  it('takes a file:// URL and a path relative to the working tree, given with --remote', async () => {
    const { tmp, bare, clone } = bareRemote();
    const dir = clone('folio', `file://${bare}`);
    const folio = await openFolio(dir);
    expect((await folio.agent.get('/api/sync').expect(200)).body).toMatchObject({
      enabled: true,
      url: bare,
    });
    expect((await saveTitle(folio, A, 'Over file://')).body.sync).toBe('pushed');
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(gitCli(dir, ['rev-parse', 'HEAD']));

    const plain = join(tmp, 'plain');
    gitCli(tmp, ['init', '-q', '-b', 'main', plain]);
    gitCli(plain, ['fetch', '-q', bare, 'main']);
    gitCli(plain, ['reset', '-q', '--hard', 'FETCH_HEAD']);
    const ctx = await openContext({ repo: plain, sync: { url: '../site.git' } });
    const agent = await loginAgent(createApp(ctx), ctx);
    const saved = await saveTitle({ agent } as Parameters<typeof saveTitle>[0], A, 'Relative');
    expect(saved.body.sync).toBe('pushed');
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(gitCli(plain, ['rev-parse', 'HEAD']));
    expectHealthy(bare, dir, plain);
  });

  it("refuses to push into a working copy's checked-out branch, says so, and keeps the save", async () => {
    const source = makeFixtureRepo(POSTS);
    cleanups.push(source.cleanup);
    const tmp = makeTempDir('folio-local-remote-');
    cleanups.push(tmp.cleanup);
    gitCli(tmp.path, ['clone', '-q', source.dir, 'folio']);
    const dir = join(tmp.path, 'folio');
    const before = gitCli(source.dir, ['rev-parse', 'main']);
    const folio = await openFolio(dir);
    const saved = await saveTitle(folio, A, 'Kept here');
    expect(saved.status).toBe(200);
    expect(saved.body.sync).toBe('pending');
    expect(gitCli(dir, ['log', '-1', '--format=%H'])).not.toBe(before);
    expect(gitCli(source.dir, ['rev-parse', 'main'])).toBe(before);
    const sync = (await folio.agent.get('/api/sync').expect(200)).body;
    expect(sync.state).toBe('error');
    expect(sync.lastError).toMatch(/checked out in the working copy at .*bare repository/);
    expectHealthy(source.dir, dir);
  });
});
