import { afterEach, describe, expect, it } from 'vitest';
import { gitCli } from '../support/gitCli.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl } from '../support/siteFixture.ts';
import { makeRemote, openSyncedFolio, pushNative, saveTitle } from './syncSupport.ts';

// The conflicted saves of sync as the API serves them: each post's three versions for the
// conflict view, kept across restarts (read from the refs), dropped once an editor resolved them.

const A = 'content/posts/a.md';
const B = 'content/posts/b.md';
const VIEWER = { username: 'vera', name: 'Vera Viewer', email: 'vera@example.com' };
const conflictUrl = (commit: string) => `/api/sync/conflicts/${commit}`;

describe('conflicted saves: GET and DELETE /api/sync/conflicts/{commit}', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  // An offline save of A the remote contradicts (a developer changed A meanwhile), and one of B
  // whose post the developer deleted.
  async function withConflicts() {
    const remote = await makeRemote();
    cleanups.push(remote.cleanup);
    const dir = remote.clone('folio');
    const folio = await openSyncedFolio(dir);
    await remote.server.setDown(true);
    const a = await saveTitle(folio, A, 'A offline');
    const b = await saveTitle(folio, B, 'B offline');
    expect([a.body.sync, b.body.sync]).toEqual(['pending', 'pending']);
    await remote.server.setDown(false);
    const native = remote.clone();
    pushNative(native, A, '---\ntitle: A by a developer\n---\nAlpha.\n', 'Dev A');
    gitCli(native, ['rm', '-q', B]);
    gitCli(native, ['commit', '-q', '-m', 'Dev removes B']);
    gitCli(native, ['push', '-q', 'origin', 'main']);
    await folio.engine.syncNow();
    return { remote, dir, folio, a: a.body.commit as string, b: b.body.commit as string };
  }

  it('serves each post of a conflicted save: yours, the version it started from, the branch now', async () => {
    const { dir, folio, a, b } = await withConflicts();
    const { body: status } = await folio.agent.get('/api/sync').expect(200);
    expect(status.conflicts.map((c: { commit: string }) => c.commit)).toEqual([a, b]);
    expect(status.conflicts[0]).toMatchObject({
      author: 'Ana Editor',
      ref: `refs/folio/conflicts/${a}`,
    });
    expect(Date.parse(status.conflicts[0].date)).not.toBeNaN();

    const { body } = await folio.agent.get(conflictUrl(a)).expect(200);
    expect(body).toMatchObject({ commit: a, files: [] });
    expect(body.posts).toHaveLength(1);
    const [post] = body.posts;
    expect(post).toMatchObject({
      id: A,
      collection: 'posts',
      yours: { frontMatter: { title: 'A offline' }, body: 'Alpha.\n', format: 'yaml' },
      base: { frontMatter: { title: 'A' }, body: 'Alpha.\n' },
      current: { id: A, frontMatter: { title: 'A by a developer' }, can: { edit: true } },
    });
    // The branch's version carries the oid a save sends as its baseOid.
    expect(post.current.oid).toBe(gitCli(dir, ['rev-parse', `HEAD:${A}`]));
    const { body: current } = await folio.agent.get(entryUrl(A)).expect(200);
    expect(post.current.oid).toBe(current.oid);

    const { body: deleted } = await folio.agent.get(conflictUrl(b)).expect(200);
    expect(deleted.posts).toEqual([
      expect.objectContaining({ id: B, current: null, yours: expect.objectContaining({}) }),
    ]);
  });

  it('keeps the conflicted saves across a restart, packed refs too, and drops one when resolved', async () => {
    const { remote, dir, a, b } = await withConflicts();
    gitCli(dir, ['pack-refs', '--all']); // the ref of A now lives in packed-refs only
    const again = await openSyncedFolio(dir);
    const { body: status } = await again.agent.get('/api/sync').expect(200);
    expect(status.conflicts.map((c: { commit: string }) => c.commit)).toEqual([a, b]);
    const { body } = await again.agent.get(conflictUrl(a)).expect(200);

    // The editor saves the merge on the branch's version, then drops the save.
    const merged = await again.agent.put(entryUrl(A)).send({
      frontMatter: { title: 'A merged' },
      body: 'Alpha.\n',
      baseOid: body.posts[0].current.oid,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.sync).toBe('pushed');
    const dropped = await again.agent.delete(conflictUrl(a)).expect(200);
    expect(dropped.body).toEqual({ commit: a, dropped: true });

    expect(gitCli(dir, ['for-each-ref', '--format=%(objectname)', 'refs/folio/conflicts/'])).toBe(
      b,
    );
    const { body: after } = await again.agent.get('/api/sync').expect(200);
    expect(after.conflicts.map((c: { commit: string }) => c.commit)).toEqual([b]);
    expect(gitCli(remote.bare, ['show', `main:${A}`])).toContain('title: A merged');
    expectHealthyRepo(dir);

    // A third start still lists only what is left.
    const third = await openSyncedFolio(dir);
    const { body: last } = await third.agent.get('/api/sync').expect(200);
    expect(last.conflicts.map((c: { commit: string }) => c.commit)).toEqual([b]);
  });

  it('answers 404 unknown_conflict for a commit it keeps no conflict for, 400 for a malformed one', async () => {
    const { folio, a } = await withConflicts();
    const other = '0123456789abcdef0123456789abcdef01234567';
    for (const res of [
      await folio.agent.get(conflictUrl(other)),
      await folio.agent.delete(conflictUrl(other)),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        code: 'not_found',
        details: { reason: 'unknown_conflict' },
      });
    }
    await folio.agent.get(conflictUrl('not-a-commit')).expect(400);
    await folio.agent.delete(conflictUrl(a)).expect(200);
    const twice = await folio.agent.delete(conflictUrl(a)).expect(404);
    expect(twice.body.error.details.reason).toBe('unknown_conflict');
  });

  it('shows a viewer the conflicted save but refuses them the drop (403), and refuses cross-site drops', async () => {
    const { dir, folio, a } = await withConflicts();
    const viewer = await loginAgent(folio.app, folio.ctx, { ...VIEWER, role: 'viewer' });
    await viewer.get(conflictUrl(a)).expect(200);
    const refused = await viewer.delete(conflictUrl(a)).expect(403);
    expect(refused.body.error).toMatchObject({
      code: 'forbidden',
      details: { permission: 'entry.edit' },
    });
    await folio.agent.delete(conflictUrl(a)).set('Origin', 'https://evil.example').expect(403);
    // Someone restricted to another collection may not drop a save of this one either.
    const elsewhere = await loginAgent(folio.app, folio.ctx, {
      username: 'emil',
      name: 'Emil Editor',
      email: 'emil@example.com',
      role: 'editor',
      collections: ['docs'],
    });
    const outside = await elsewhere.delete(conflictUrl(a)).expect(403);
    expect(outside.body.error.details.reason).toBe('collection');
    expect(gitCli(dir, ['rev-parse', `refs/folio/conflicts/${a}`])).toBe(a);
  });
});
