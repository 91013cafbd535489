import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBareClone, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

describe('bare, empty and linked-worktree repositories', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('works on a bare repository: list, save, create, delete, history', async () => {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    const bare = makeBareClone(repo.dir);
    const folio = await openFolio(bare);
    const list = (await folio.agent.get('/api/entries').expect(200)).body;
    expect(list.total).toBe(9);
    const { body } = await folio.agent.get(entryUrl('content/blog/alpha.md')).expect(200);
    await folio.agent
      .put(entryUrl(body.id))
      .send({
        frontMatter: { ...body.frontMatter, draft: true },
        body: body.body,
        baseOid: body.oid,
      })
      .expect(200);
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'blog', slug: 'bare', frontMatter: { title: 'Bare' }, body: 'x\n' })
      .expect(201);
    await folio.agent
      .delete(entryUrl(created.body.id))
      .query({ baseOid: created.body.oid })
      .expect(200);
    expect(gitCli(bare, ['log', '--format=%an', '-3']).split('\n')).toEqual([
      'Ana Editor',
      'Ana Editor',
      'Ana Editor',
    ]);
    expect(gitCli(bare, ['fsck', '--strict', '--no-progress'])).toBe('');
    expect(existsSync(join(bare, 'index'))).toBe(false);
    const history = (
      await folio.agent.get(entryUrl('content/blog/alpha.md', '/history')).expect(200)
    ).body;
    expect(history.items).toHaveLength(2);
  });

  it('starts an empty repository with its first commit', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const dir = join(tmp.path, 'empty');
    mkdirSync(dir);
    gitCli(dir, ['init', '-q', '-b', 'main']);
    const folio = await openFolio(dir);
    expect((await folio.agent.get('/api/health').expect(200)).body.head).toBeNull();
    expect((await folio.agent.get('/api/entries').expect(200)).body).toEqual({
      items: [],
      total: 0,
      sort: '-date',
      nextCursor: null,
    });
    expect((await folio.agent.get('/api/commits').expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    const res = await folio.agent
      .post('/api/entries')
      .send({
        collection: 'posts',
        slug: 'hello',
        frontMatter: { title: 'Hello' },
        body: 'First.\n',
      })
      .expect(201);
    expect(res.body.id).toBe('content/posts/hello.md');
    expect(gitCli(dir, ['rev-list', '--count', 'HEAD'])).toBe('1');
    expect(gitCli(dir, ['reflog', '-1', '--format=%gs'])).toBe('commit (initial): Create "Hello"');
    expectHealthyRepo(dir);
  });

  it('commits to the branch of a linked worktree and keeps its index', async () => {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    const worktree = `${repo.dir}-wt`;
    gitCli(repo.dir, ['worktree', 'add', '-q', '-b', 'drafts', worktree]);
    const folio = await openFolio(worktree);
    const { body } = await folio.agent.get(entryUrl('content/blog/beta.md')).expect(200);
    await folio.agent
      .put(entryUrl(body.id))
      .send({
        frontMatter: { ...body.frontMatter, title: 'On drafts' },
        body: body.body,
        baseOid: body.oid,
      })
      .expect(200);
    expect(gitCli(repo.dir, ['log', '-1', '--format=%s', 'drafts'])).toBe('Update "On drafts"');
    expect(gitCli(repo.dir, ['log', '-1', '--format=%s', 'main'])).toBe('Initial import');
    expectHealthyRepo(worktree);
    expectHealthyRepo(repo.dir);
    expect(readdirSync(join(repo.dir, '.git'))).toContain('folio');
  });
});
