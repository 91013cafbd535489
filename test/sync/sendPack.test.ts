// Folio's own push (server/git/remote/sendPack.ts) against Debian git's http-backend: it sends only
// the objects a save changed (the set native git computes), fast-forward only, and says why when
// the remote refuses.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../server/git/ObjectStore.ts';
import { PushRejectedError, RemoteAuthError } from '../../server/git/remote/remoteErrors.ts';
import type { RemoteSettings } from '../../server/git/remote/remoteSettings.ts';
import { objectsToPush } from '../../server/git/remote/objectsToPush.ts';
import { fetchPack } from '../../server/git/remote/fetchPack.ts';
import { PushRefusedError, sendPack } from '../../server/git/remote/sendPack.ts';
import { writeFiles } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeServedRepo, spawnGitHttpServer } from '../support/gitHttpServer.ts';
import { makeTempDir } from '../support/tempRepo.ts';
import { REMOTE_AUTH } from './syncSupport.ts';

const many: Record<string, string> = {};
for (let i = 0; i < 300; i++)
  many[`content/posts/${i % 3 === 0 ? `${2020 + (i % 5)}/` : ''}post-${i}.md`] =
    `---\ntitle: Post ${i}\n---\nBody ${i}.\n`;
many['static/images/logo.svg'] = '<svg xmlns="http://www.w3.org/2000/svg"/>\n';
many['layouts/_default/single.html'] = '{{ .Content }}\n';

function settingsFor(url: string, credentials = REMOTE_AUTH): RemoteSettings {
  return {
    name: 'origin',
    kind: 'http',
    url,
    shownUrl: url,
    remoteBranch: 'refs/heads/main',
    trackingRef: 'refs/remotes/origin/main',
    credentials,
  };
}

describe('sendPack', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function remoteWith(files: Record<string, string> | null) {
    const tmp = makeTempDir('folio-sendpack-');
    cleanups.push(tmp.cleanup);
    let source: string | undefined;
    if (files) {
      source = join(tmp.path, 'source');
      mkdirSync(source);
      gitCli(source, ['init', '-q', '-b', 'main']);
      writeFiles(source, files);
      symlinkSync('post-1.md', join(source, 'content/posts/latest.md'));
      writeFileSync(join(source, 'build.sh'), '#!/bin/sh\nhugo\n');
      chmodSync(join(source, 'build.sh'), 0o755);
      gitCli(source, ['add', '-A']);
      gitCli(source, ['commit', '-q', '-m', 'Site']);
    }
    const bare = makeServedRepo(tmp.path, 'site.git', source);
    const server = await spawnGitHttpServer(tmp.path, REMOTE_AUTH);
    cleanups.push(() => server.close());
    const url = `${server.url}/site.git`;
    const withAuth = url.replace(
      'http://',
      `http://${REMOTE_AUTH.username}:${REMOTE_AUTH.password}@`,
    );
    const clone = (name: string): string => {
      if (files) gitCli(tmp.path, ['clone', '-q', withAuth, name]);
      else {
        gitCli(tmp.path, ['init', '-q', '-b', 'main', name]);
        gitCli(join(tmp.path, name), ['remote', 'add', 'origin', withAuth]);
      }
      return join(tmp.path, name);
    };
    return { bare, url, clone };
  }

  // What native git says the remote lacks: every object reachable from `tip` and not from `base`.
  const nativeObjects = (dir: string, range: string): string[] =>
    gitCli(dir, ['rev-list', '--objects', range])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(0, 40))
      .sort();

  it('sends only the objects the new commits changed: native git’s set, and blobs moved from another path', async () => {
    const { bare, url, clone } = await remoteWith(many);
    const dir = clone('folio');
    const before = gitCli(dir, ['rev-parse', 'HEAD']);
    const baseObjects = gitCli(bare, ['cat-file', '--batch-check', '--batch-all-objects']).split(
      '\n',
    ).length;
    // A save, then a batch: edits in nested folders, a new folder, a removed folder, a rename,
    // an executable bit taken away, an edit reverted to an earlier version.
    gitCli(dir, ['commit', '-q', '-am', 'noop', '--allow-empty']);
    writeFiles(dir, { 'content/posts/post-5.md': '---\ntitle: Five\n---\nEdited.\n' });
    gitCli(dir, ['commit', '-q', '-am', 'Edit post 5']);
    writeFiles(dir, {
      'content/posts/2023/post-3.md': '---\ntitle: Three\n---\nEdited.\n',
      'content/posts/trip/index.md': '---\ntitle: Trip\n---\nA bundle.\n',
      'content/posts/trip/cover.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    });
    rmSync(join(dir, 'layouts'), { recursive: true });
    gitCli(dir, ['mv', 'content/posts/post-7.md', 'content/posts/seven.md']);
    chmodSync(join(dir, 'build.sh'), 0o644);
    gitCli(dir, ['add', '-A']);
    gitCli(dir, ['commit', '-q', '-m', 'Batch']);
    writeFiles(dir, { 'content/posts/post-5.md': '---\ntitle: Post 5\n---\nBody 5.\n' });
    gitCli(dir, ['commit', '-q', '-am', 'Put post 5 back']);
    const head = gitCli(dir, ['rev-parse', 'HEAD']);

    const gitdir = join(dir, '.git');
    const result = await sendPack(new ObjectStore(gitdir), gitdir, settingsFor(url), head);
    expect(result.before).toBe(before);
    expect(result.commits).toBe(4);
    // Four commits, the trees on the changed paths and the new blobs: a few dozen, not the site.
    // Native git's set, plus the blobs the remote has at another path only (the renamed post, the
    // cover that is a copy of the logo): found by path, not by a walk of the whole site.
    const commits = gitCli(dir, ['rev-list', '--reverse', `${before}..${head}`]).split('\n');
    const ours = (await objectsToPush(new ObjectStore(join(dir, '.git')), commits, before)).sort();
    const expected = nativeObjects(dir, `${before}..${head}`);
    const elsewhere = [
      gitCli(dir, ['rev-parse', `${before}:content/posts/post-7.md`]),
      gitCli(dir, ['rev-parse', `${before}:static/images/logo.svg`]),
    ];
    expect(ours).toEqual([...expected, ...elsewhere].sort());
    expect(result.objects).toBe(ours.length);
    expect(
      gitCli(bare, ['cat-file', '--batch-check', '--batch-all-objects']).split('\n').length,
    ).toBe(baseObjects + expected.length);
    expect(result.objects).toBeLessThan(30);
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(head);
    expect(gitCli(dir, ['rev-parse', 'refs/remotes/origin/main'])).toBe(head);
    gitCli(bare, ['fsck', '--strict', '--no-progress']);
    expect(gitCli(bare, ['ls-tree', '-r', 'main'])).toBe(gitCli(dir, ['ls-tree', '-r', 'HEAD']));
    // Nothing new: the push sends nothing and still answers.
    const again = await sendPack(new ObjectStore(gitdir), gitdir, settingsFor(url), head);
    expect(again).toEqual({ before: head, commits: 0, objects: 0 });
  });

  it('pushes a whole history to an empty remote', async () => {
    const { bare, url, clone } = await remoteWith(null);
    const dir = clone('folio');
    writeFiles(dir, { 'content/posts/a.md': 'A\n', 'hugo.toml': 'title = "x"\n' });
    gitCli(dir, ['add', '-A']);
    gitCli(dir, ['commit', '-q', '-m', 'First']);
    writeFiles(dir, { 'content/posts/b.md': 'B\n' });
    gitCli(dir, ['add', '-A']);
    gitCli(dir, ['commit', '-q', '-m', 'Second']);
    const head = gitCli(dir, ['rev-parse', 'HEAD']);
    const gitdir = join(dir, '.git');
    const result = await sendPack(new ObjectStore(gitdir), gitdir, settingsFor(url), head);
    expect(result).toMatchObject({ before: null, commits: 2 });
    expect(result.objects).toBe(nativeObjects(dir, head).length);
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(head);
    gitCli(bare, ['fsck', '--strict', '--no-progress']);
  });

  it('refuses to push over commits it does not have, and changes nothing on the remote', async () => {
    const { bare, url, clone } = await remoteWith(many);
    const dir = clone('folio');
    const other = clone('other');
    writeFiles(other, { 'content/posts/post-1.md': 'Someone else.\n' });
    gitCli(other, ['commit', '-q', '-am', 'Elsewhere']);
    gitCli(other, ['push', '-q', 'origin', 'main']);
    const remoteHead = gitCli(bare, ['rev-parse', 'main']);
    writeFiles(dir, { 'content/posts/post-2.md': 'Mine.\n' });
    gitCli(dir, ['commit', '-q', '-am', 'Mine']);
    const head = gitCli(dir, ['rev-parse', 'HEAD']);
    const gitdir = join(dir, '.git');
    await expect(
      sendPack(new ObjectStore(gitdir), gitdir, settingsFor(url), head),
    ).rejects.toBeInstanceOf(PushRejectedError);
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(remoteHead);
    // Once fetched, the remote's tip is known but still not an ancestor: refused again.
    gitCli(dir, ['fetch', '-q', 'origin']);
    await expect(
      sendPack(new ObjectStore(gitdir), gitdir, settingsFor(url), head),
    ).rejects.toBeInstanceOf(PushRejectedError);
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(remoteHead);
  });

  it("says why when the remote's hook declines, and when the credentials are wrong", async () => {
    const { bare, url, clone } = await remoteWith(many);
    const dir = clone('folio');
    const remoteHead = gitCli(bare, ['rev-parse', 'main']);
    writeFileSync(
      join(bare, 'hooks/pre-receive'),
      '#!/bin/sh\necho "main is protected" >&2\nexit 1\n',
    );
    chmodSync(join(bare, 'hooks/pre-receive'), 0o755);
    writeFiles(dir, { 'content/posts/post-2.md': 'Mine.\n' });
    gitCli(dir, ['commit', '-q', '-am', 'Mine']);
    const head = gitCli(dir, ['rev-parse', 'HEAD']);
    const gitdir = join(dir, '.git');
    const refused = sendPack(new ObjectStore(gitdir), gitdir, settingsFor(url), head);
    await expect(refused).rejects.toBeInstanceOf(PushRefusedError);
    await expect(refused).rejects.toThrow(/refs\/heads\/main: pre-receive hook declined/);
    const wrong = sendPack(
      new ObjectStore(gitdir),
      gitdir,
      settingsFor(url, { username: REMOTE_AUTH.username, password: 'wrong' }),
      head,
    );
    await expect(wrong).rejects.toBeInstanceOf(RemoteAuthError);
    await expect(wrong).rejects.not.toThrow(/wrong/);
    expect(gitCli(bare, ['rev-parse', 'main'])).toBe(remoteHead);
    expect(gitCli(dir, ['rev-parse', 'refs/remotes/origin/main'])).toBe(remoteHead);
  });

  it('fetches what others pushed (deltas and all) into loose objects git reads', async () => {
    const { bare, url, clone } = await remoteWith(many);
    const dir = clone('folio');
    const other = clone('other');
    // Three versions of a long post and a new folder: git's pack carries them as deltas.
    const long = Array.from({ length: 400 }, (_, i) => `Line ${i} of a long post.`).join('\n');
    for (let n = 0; n < 3; n++) {
      writeFiles(other, {
        'content/posts/post-1.md': `---\ntitle: One ${n}\n---\n${long}\n${n}\n`,
        [`content/posts/new-${n}/index.md`]: `---\ntitle: New ${n}\n---\n`,
      });
      gitCli(other, ['add', '-A']);
      gitCli(other, ['commit', '-q', '-m', `Edit ${n}`]);
    }
    gitCli(other, ['repack', '-adq']);
    gitCli(other, ['push', '-q', 'origin', 'main']);
    gitCli(bare, ['repack', '-adq']);
    const tip = gitCli(bare, ['rev-parse', 'main']);
    const gitdir = join(dir, '.git');
    const local = gitCli(dir, ['rev-parse', 'HEAD']);
    const fetched = await fetchPack(new ObjectStore(gitdir), gitdir, settingsFor(url), local);
    expect(fetched).toBe(tip);
    expect(gitCli(dir, ['rev-parse', 'refs/remotes/origin/main'])).toBe(tip);
    gitCli(dir, ['fsck', '--strict', '--no-progress']);
    expect(gitCli(dir, ['show', `${tip}:content/posts/post-1.md`])).toContain('Line 399');
    expect(gitCli(dir, ['rev-list', '--count', `${local}..${tip}`])).toBe('3');
    // Again: nothing to fetch, the same head.
    expect(await fetchPack(new ObjectStore(gitdir), gitdir, settingsFor(url), tip)).toBe(tip);
    // A branch the remote does not have is null.
    const missing = { ...settingsFor(url), remoteBranch: 'refs/heads/none' };
    expect(await fetchPack(new ObjectStore(gitdir), gitdir, missing, tip)).toBeNull();
  });
});
