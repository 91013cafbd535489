import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl } from '../support/siteFixture.ts';
import { makeRemote, openSyncedFolio, POSTS, pushNative, saveTitle } from './syncSupport.ts';

// Folio syncing with a real git server (Debian's git http-backend over HTTP with basic auth):
// every save is on the remote when it is answered, a moved remote is replayed onto (never
// merged, never force-pushed), a real conflict is a 409 like a stale save, and nothing is lost.

const A = 'content/posts/a.md';
const B = 'content/posts/b.md';

function remoteLog(bare: string): string[] {
  return gitCli(bare, ['log', '--format=%s|%an|%P', 'main']).split('\n');
}

describe('sync with the site remote', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  async function setup() {
    const remote = await makeRemote();
    cleanups.push(remote.cleanup);
    const dir = remote.clone('folio');
    return { remote, dir, folio: await openSyncedFolio(dir) };
  }
  function expectInStep(remote: { bare: string }, dir: string): void {
    expect(gitCli(dir, ['rev-parse', 'HEAD'])).toBe(gitCli(remote.bare, ['rev-parse', 'main']));
    expectHealthyRepo(dir);
    gitCli(remote.bare, ['fsck', '--strict', '--no-progress']);
    // A linear history: no merge commit anywhere.
    expect(gitCli(remote.bare, ['rev-list', '--merges', 'main'])).toBe('');
  }

  it('pushes each save before answering it', async () => {
    const { remote, dir, folio } = await setup();
    const res = await saveTitle(folio, A, 'A pushed');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.sync).toBe('pushed');
    expect(gitCli(remote.bare, ['rev-parse', 'main'])).toBe(res.body.commit);
    expect(gitCli(remote.bare, ['show', `main:${A}`])).toContain('title: A pushed');
    expectInStep(remote, dir);
    const status = await folio.engine.snapshot();
    expect(status).toMatchObject({ state: 'idle', ahead: 0, behind: 0, lastError: null });
    expect(JSON.stringify(status)).not.toContain(remote.url.includes('@') ? '@' : 's3cret');
  });

  it('replays a save onto a remote that moved (other file), keeping both, in a line', async () => {
    const { remote, dir, folio } = await setup();
    const native = remote.clone();
    pushNative(native, B, '---\ntitle: B from a developer\n---\nBeta.\n', 'Developer edits B');
    const res = await saveTitle(folio, A, 'A after the developer');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.sync).toBe('pushed');
    const log = remoteLog(remote.bare);
    expect(log[0]).toMatch(/^Update "A after the developer"\|/);
    expect(log[0]).not.toMatch(/Folio sync/); // the editor's commit, not sync's
    expect(log[1]).toMatch(/^Developer edits B\|/);
    expect(res.body.commit).toBe(gitCli(remote.bare, ['rev-parse', 'main']));
    // The working tree has the developer's change too, and git sees nothing to commit.
    expect(readFileSync(join(dir, B), 'utf8')).toContain('B from a developer');
    expectInStep(remote, dir);
  });

  it('answers 409 with the remote version when the same post changed on the remote', async () => {
    const { remote, dir, folio } = await setup();
    const { body: before } = await folio.agent.get(entryUrl(A)).expect(200);
    const native = remote.clone();
    const theirs = '---\ntitle: A from a developer\n---\nAlpha.\n';
    pushNative(native, A, theirs, 'Developer edits A');
    const res = await saveTitle(folio, A, 'Mine', before.oid);
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe('stale');
    expect(res.body.error.details.current.frontMatter.title).toBe('A from a developer');
    expect(remoteLog(remote.bare)[0]).toMatch(/^Developer edits A\|/);
    expect(readFileSync(join(dir, A), 'utf8')).toBe(theirs);
    expectInStep(remote, dir);
  });

  it('brings in the remote changes on a sync and shows them', async () => {
    const { remote, dir, folio } = await setup();
    const native = remote.clone();
    pushNative(native, 'content/posts/d.md', '---\ntitle: D\n---\nNew from git.\n', 'Add D');
    await folio.engine.syncNow();
    expectInStep(remote, dir);
    await folio.agent.get(entryUrl('content/posts/d.md')).expect(200);
  });

  it('commits locally while the remote is down, says so, and sends the saves when it is back', async () => {
    const { remote, dir, folio } = await setup();
    await remote.server.setDown(true);
    const first = await saveTitle(folio, A, 'A offline');
    expect(first.status).toBe(200);
    expect(first.body.sync).toBe('pending');
    const second = await saveTitle(folio, B, 'B offline');
    expect(second.body.sync).toBe('pending');
    const status = await folio.engine.snapshot();
    expect(status.state).toBe('offline');
    expect(status.ahead).toBe(2);
    expect(status.lastError).toMatch(/could not be reached/);
    // Meanwhile a developer pushes to another file; when the remote is back both sides land.
    await remote.server.setDown(false);
    pushNative(remote.clone(), 'content/posts/c.md', '---\ntitle: C2\n---\nGamma.\n', 'Dev C');
    await folio.engine.syncNow();
    const log = remoteLog(remote.bare).map((l) => l.split('|')[0]);
    expect(log.slice(0, 3)).toEqual([
      expect.stringMatching(/B/),
      expect.stringMatching(/A/),
      'Dev C',
    ]);
    expectInStep(remote, dir);
    expect((await folio.engine.snapshot()).state).toBe('idle');
  });

  it('lists an offline save the remote contradicts as a conflict, kept on a ref, never merged', async () => {
    const { remote, dir, folio } = await setup();
    await remote.server.setDown(true);
    const offline = await saveTitle(folio, A, 'A offline');
    expect(offline.body.sync).toBe('pending');
    await remote.server.setDown(false);
    pushNative(remote.clone(), A, '---\ntitle: A by a developer\n---\nAlpha.\n', 'Dev A');
    await folio.engine.syncNow();
    const status = await folio.engine.snapshot();
    expect(status.conflicts).toEqual([
      expect.objectContaining({
        commit: offline.body.commit,
        ref: `refs/folio/conflicts/${offline.body.commit}`,
      }),
    ]);
    expect(gitCli(dir, ['rev-parse', status.conflicts[0]!.ref])).toBe(offline.body.commit);
    expect(readFileSync(join(dir, A), 'utf8')).toContain('A by a developer');
    expectInStep(remote, dir);
  });

  it('says clearly when the credentials are refused, without a retry storm', async () => {
    const remote = await makeRemote();
    cleanups.push(remote.cleanup);
    const dir = remote.clone('folio');
    gitCli(dir, [
      'remote',
      'set-url',
      'origin',
      remote.url.replace('http://', 'http://folio-bot:wrong@'),
    ]);
    const folio = await openSyncedFolio(dir);
    const before = (await remote.server.requests()).length;
    const res = await saveTitle(folio, A, 'A with a bad token');
    expect(res.status).toBe(200);
    expect(res.body.sync).toBe('pending');
    const status = await folio.engine.snapshot();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(/refused Folio's credentials/);
    expect(JSON.stringify(status)).not.toContain('wrong');
    expect((await remote.server.requests()).length - before).toBeLessThanOrEqual(2);
    expect(POSTS[A]).toBeDefined();
  });

  it('stops syncing when the remote history was rewritten, and keeps its own commits', async () => {
    const { remote, dir, folio } = await setup();
    await saveTitle(folio, A, 'A before the rewrite').then((r) =>
      expect(r.body.sync).toBe('pushed'),
    );
    const native = remote.clone();
    gitCli(native, ['reset', '-q', '--hard', 'HEAD~1']);
    gitCli(native, ['commit', '-q', '--allow-empty', '-m', 'Rewritten history']);
    gitCli(native, ['push', '-q', '--force', 'origin', 'main']);
    const res = await saveTitle(folio, B, 'B after the rewrite');
    expect(res.status).toBe(200);
    expect(res.body.sync).toBe('pending');
    const status = await folio.engine.snapshot();
    expect(status.state).toBe('stopped');
    expect(status.lastError).toMatch(/rewritten/);
    expect(remoteLog(remote.bare)[0]).toMatch(/^Rewritten history/);
    expect(gitCli(dir, ['log', '-1', '--format=%s'])).toMatch(/B after the rewrite|Update/);
    expectHealthyRepo(dir);
    // The commits are kept on a side ref, and a restart does not resume syncing over them.
    const kept = gitCli(dir, ['for-each-ref', '--format=%(objectname)', 'refs/folio/diverged/']);
    expect(kept).toBe(gitCli(dir, ['rev-parse', 'HEAD']));
    const again = await openSyncedFolio(dir);
    expect((await again.engine.snapshot()).state).toBe('stopped');
    await saveTitle(again, A, 'Still local').then((r) => expect(r.body.sync).toBe('pending'));
    expect(remoteLog(remote.bare)[0]).toMatch(/^Rewritten history/);
  });
});

describe('sync status and the push webhook', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('shows the remote with its URL masked, and takes signed push webhooks only', async () => {
    const remote = await makeRemote();
    cleanups.push(remote.cleanup);
    const dir = remote.clone('folio');
    const secret = 'hook-secret-123';
    const ctx = await openContext({ repo: dir, sync: { webhookSecret: secret } });
    const app = createApp(ctx);
    const agent = await loginAgent(app, ctx);
    const status = await agent.get('/api/sync').expect(200);
    expect(status.body).toMatchObject({ enabled: true, remote: 'origin', state: 'idle' });
    expect(status.body.url).toBe(remote.url);
    expect(JSON.stringify(status.body)).not.toContain('s3cret-token');
    await request(app).get('/api/sync').expect(401);

    pushNative(remote.clone(), 'content/posts/e.md', '---\ntitle: E\n---\nBy hook.\n', 'Add E');
    const payload = JSON.stringify({ ref: 'refs/heads/main', after: 'x' });
    const sign = (body: string, key = secret) =>
      `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
    const hook = (body: string, headers: Record<string, string>) =>
      request(app)
        .post('/api/hooks/push')
        .set('Content-Type', 'application/json')
        .set(headers)
        .send(body);
    await hook(payload, { 'X-Hub-Signature-256': sign(payload, 'wrong') }).expect(403);
    await hook(payload, { 'X-Gitlab-Token': 'wrong' }).expect(403);
    expect(gitCli(dir, ['log', '-1', '--format=%s'])).not.toBe('Add E');
    const ignored = await hook(JSON.stringify({ ref: 'refs/heads/other' }), {
      'X-Hub-Signature-256': sign(JSON.stringify({ ref: 'refs/heads/other' })),
    }).expect(202);
    expect(ignored.body.ignored).toMatch(/refs\/heads\/other/);
    await hook(payload, { 'X-Hub-Signature-256': sign(payload) }).expect(202);
    await expect
      .poll(() => gitCli(dir, ['log', '-1', '--format=%s']), { timeout: 10_000 })
      .toBe('Add E');
    await agent.get(entryUrl('content/posts/e.md')).expect(200);
    expectHealthyRepo(dir);
    await ctx.close();
  });

  it('does not sync with --no-sync, and a repository without upstream has no sync', async () => {
    const remote = await makeRemote();
    cleanups.push(remote.cleanup);
    const dir = remote.clone('folio');
    const off = await openContext({ repo: dir, sync: { disabled: true } });
    expect(off.sync).toBeNull();
    const agent = await loginAgent(createApp(off), off);
    expect((await agent.get('/api/sync').expect(200)).body).toEqual({ enabled: false });
    await saveTitle({ agent } as Parameters<typeof saveTitle>[0], A, 'Local only').then((r) =>
      expect(r.body.sync).toBe('off'),
    );
    expect(gitCli(remote.bare, ['log', '-1', '--format=%s', 'main'])).toBe('Initial import');
  });
});
