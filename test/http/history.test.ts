import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitDetailSchema,
  CommitListSchema,
  EntryVersionSchema,
} from '../../shared/api/contract.ts';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

describe('history, versions, restore and commits', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const oidOf = (rev: string) => gitCli(repo.dir, ['rev-parse', rev]);
  const commits: Record<string, string> = {};

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
    commits.initial = oidOf('HEAD');
    const id = 'content/blog/alpha.md';
    await folio.agent
      .patch(entryUrl(id))
      .send({ set: { draft: true } })
      .expect(200);
    commits.draft = oidOf('HEAD');
    // Another editor changes something else in between.
    const bruno = await loginAgent(
      folio.app,
      folio.ctx,
      { username: 'bruno', name: 'Bruno Lima', email: 'bruno@example.com', role: 'editor' },
      'another good password',
    );
    await bruno
      .patch(entryUrl('content/blog/beta.md'))
      .send({ set: { draft: false } })
      .expect(200);
    commits.beta = oidOf('HEAD');
    await folio.agent
      .post(entryUrl(id, '/move'))
      .send({ to: 'content/blog/alpha-renamed.md', baseOid: oidOf(`HEAD:${id}`) })
      .expect(200);
    commits.move = oidOf('HEAD');
    const entry = (await folio.agent.get(entryUrl('content/blog/alpha-renamed.md')).expect(200))
      .body;
    await folio.agent
      .put(entryUrl(entry.id))
      .send({
        frontMatter: { ...entry.frontMatter, title: 'Alpha, renamed' },
        body: `${entry.body}A new paragraph.\n`,
        baseOid: entry.oid,
      })
      .expect(200);
    commits.edit = oidOf('HEAD');
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('lists the commits that changed an entry, newest first, across its rename', async () => {
    const res = await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', '/history'))
      .expect(200);
    const history = CommitListSchema.parse(res.body);
    expect(history.items.map((c) => c.commit)).toEqual([
      commits.edit,
      commits.move,
      commits.draft,
      commits.initial,
    ]);
    expect(history.items.map((c) => c.id)).toEqual([
      'content/blog/alpha-renamed.md',
      'content/blog/alpha-renamed.md',
      'content/blog/alpha.md',
      'content/blog/alpha.md',
    ]);
    expect(history.items[0]).toMatchObject({
      author: { name: 'Ana Editor', email: 'ana@example.com' },
      message: 'Update "Alpha, renamed"',
    });
    expect(history.items[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(history.nextCursor).toBeNull();
  });

  it('pages history with limit and cursor', async () => {
    const first = await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', '/history'))
      .query({ limit: 3 })
      .expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', '/history'))
      .query({ limit: 3, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body.items.map((c: { commit: string }) => c.commit)).toEqual([commits.initial]);
    expect(second.body.nextCursor).toBeNull();
    await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', '/history'))
      .query({ cursor: 'garbage' })
      .expect(400);
    await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', '/history'))
      .query({ limit: 0 })
      .expect(400);
    await folio.agent.get(entryUrl('content/blog/alpha.md', '/history')).expect(404);
    await folio.anonymous.get(entryUrl('content/blog/alpha-renamed.md', '/history')).expect(401);
  });

  it('shows the entry as it was in a commit, under its old name', async () => {
    const res = await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', `/versions/${commits.initial}`))
      .expect(200);
    const version = EntryVersionSchema.parse(res.body);
    expect(version).toMatchObject({
      id: 'content/blog/alpha.md',
      commit: commits.initial,
      frontMatter: { draft: false, featured: true },
    });
    expect(version.oid).toBe(oidOf(`${commits.initial}:content/blog/alpha.md`));
    // Who made the version, when (the author date with its offset) and why, as git log says.
    const [name = '', email = '', date = '', subject = ''] = gitCli(repo.dir, [
      'log',
      '-1',
      '--format=%an%n%ae%n%aI%n%s',
      commits.draft!,
    ]).split('\n');
    const drafted = EntryVersionSchema.parse(
      (
        await folio.agent
          .get(entryUrl('content/blog/alpha-renamed.md', `/versions/${commits.draft}`))
          .expect(200)
      ).body,
    );
    expect(drafted.commitInfo).toEqual({ message: subject, author: { name, email }, date });
    await folio.agent.get(entryUrl('content/blog/alpha-renamed.md', '/versions/123')).expect(400);
    await folio.agent
      .get(entryUrl('content/blog/alpha-renamed.md', `/versions/${'f'.repeat(40)}`))
      .expect(404);
    await folio.agent
      .get(entryUrl('content/blog/gamma.en.md', `/versions/${commits.draft}`))
      .expect(200);
    await folio.anonymous
      .get(entryUrl('content/blog/alpha-renamed.md', `/versions/${commits.initial}`))
      .expect(401);
  });

  it('restores an old version as a new commit, 409 on a stale base', async () => {
    const id = 'content/blog/alpha-renamed.md';
    const current = oidOf(`HEAD:${id}`);
    await folio.agent
      .post(entryUrl(id, '/restore'))
      .send({ commit: commits.initial, baseOid: oidOf(`${commits.initial}:content/blog/alpha.md`) })
      .expect(409);
    const res = await folio.agent
      .post(entryUrl(id, '/restore'))
      .send({ commit: commits.initial, baseOid: current })
      .expect(200);
    expect(res.body).toMatchObject({
      id,
      changed: true,
      oid: oidOf(`${commits.initial}:content/blog/alpha.md`),
    });
    expect(lastCommit(repo.dir).subject).toBe(
      `Restore "Alpha: Combinação Perfeita" to ${commits.initial!.slice(0, 7)}`,
    );
    const again = await folio.agent
      .post(entryUrl(id, '/restore'))
      .send({ commit: commits.initial })
      .expect(200);
    expect(again.body).toMatchObject({ changed: false, commit: null });
    await folio.agent.post(entryUrl(id, '/restore')).send({ commit: 'nope' }).expect(400);
    await folio.agent
      .post(entryUrl(id, '/restore'))
      .send({ commit: 'e'.repeat(40) })
      .expect(404);
    await folio.anonymous
      .post(entryUrl(id, '/restore'))
      .send({ commit: commits.initial })
      .expect(401);
    expectHealthyRepo(repo.dir);
  });

  it('brings a deleted entry back with restore', async () => {
    const id = 'content/docs/intro.md';
    const before = oidOf(`HEAD:${id}`);
    await folio.agent.delete(entryUrl(id)).query({ baseOid: before }).expect(200);
    const deletedAt = oidOf('HEAD~1');
    const res = await folio.agent
      .post(entryUrl(id, '/restore'))
      .send({ commit: deletedAt })
      .expect(200);
    expect(res.body).toMatchObject({ id, oid: before, changed: true });
    await folio.agent.get(entryUrl(id)).expect(200);
  });

  it('lists site history newest first, filtered by author, paged by cursor', async () => {
    const all = CommitListSchema.parse((await folio.agent.get('/api/commits').expect(200)).body);
    expect(all.items.map((c) => c.commit)).toEqual(
      gitCli(repo.dir, ['rev-list', 'HEAD']).split('\n'),
    );
    const bruno = (await folio.agent.get('/api/commits').query({ author: 'BRUNO' }).expect(200))
      .body;
    expect(bruno.items.map((c: { commit: string }) => c.commit)).toEqual([commits.beta]);
    const page1 = (await folio.agent.get('/api/commits').query({ limit: 2 }).expect(200)).body;
    const page2 = (
      await folio.agent
        .get('/api/commits')
        .query({ limit: 2, cursor: page1.nextCursor })
        .expect(200)
    ).body;
    expect([...page1.items, ...page2.items].map((c: { commit: string }) => c.commit)).toEqual(
      all.items.slice(0, 4).map((c) => c.commit),
    );
    await folio.agent.get('/api/commits').query({ limit: 1000 }).expect(400);
    await folio.agent.get('/api/commits').query({ cursor: '!!' }).expect(400);
    await folio.anonymous.get('/api/commits').expect(401);
  });

  it('details a commit: front matter key table and a unified diff of the body', async () => {
    const res = await folio.agent.get(`/api/commits/${commits.edit}`).expect(200);
    const detail = CommitDetailSchema.parse(res.body);
    expect(detail).toMatchObject({
      commit: commits.edit,
      parents: [commits.move],
      author: { name: 'Ana Editor' },
    });
    expect(detail.changes).toHaveLength(1);
    const change = detail.changes[0]!;
    expect(change).toMatchObject({ id: 'content/blog/alpha-renamed.md', status: 'modified' });
    expect(change.frontMatter).toEqual([
      { key: 'title', before: 'Alpha: Combinação Perfeita', after: 'Alpha, renamed' },
    ]);
    expect(change.body).toContain('+A new paragraph.');
    expect(change.body).toMatch(/^--- a\/content\/blog\/alpha-renamed\.md/m);

    const move = CommitDetailSchema.parse(
      (await folio.agent.get(`/api/commits/${commits.move}`).expect(200)).body,
    );
    expect(move.changes).toEqual([
      expect.objectContaining({
        id: 'content/blog/alpha-renamed.md',
        previousId: 'content/blog/alpha.md',
        status: 'renamed',
        frontMatter: [],
        body: '',
      }),
    ]);
    const initial = CommitDetailSchema.parse(
      (await folio.agent.get(`/api/commits/${commits.initial}`).expect(200)).body,
    );
    expect(initial.parents).toEqual([]);
    const png = initial.changes.find((c) => c.id.endsWith('cover.png'))!;
    expect(png).toMatchObject({ status: 'added', body: '' });
    expect(
      initial.changes.find((c) => c.id === 'content/blog/beta.md')?.frontMatter,
    ).toContainEqual({ key: 'title', after: 'Beta' });
  });

  it('answers 400 for a malformed id, 404 for an unknown commit, 401 without a session', async () => {
    await folio.agent.get('/api/commits/HEAD').expect(400);
    await folio.agent.get(`/api/commits/${'a'.repeat(40)}`).expect(404);
    const tree = oidOf('HEAD^{tree}');
    await folio.agent.get(`/api/commits/${tree}`).expect(404); // a tree, not a commit
    await folio.anonymous.get(`/api/commits/${commits.edit}`).expect(401);
  });

  it('sees a commit made outside Folio on the next request', async () => {
    const outside = commitOutside(
      repo.dir,
      { 'content/blog/outside.md': '---\ntitle: From the shell\n---\nHi.\n' },
      'Add a post from the shell',
    );
    expect((await folio.agent.get('/api/health').expect(200)).body.head).toBe(outside);
    const list = (await folio.agent.get('/api/entries').query({ q: 'shell' }).expect(200)).body;
    expect(list.items.map((e: { id: string }) => e.id)).toEqual(['content/blog/outside.md']);
    expect(
      (await folio.agent.get('/api/commits').query({ limit: 1 }).expect(200)).body.items[0].commit,
    ).toBe(outside);
  });
});
