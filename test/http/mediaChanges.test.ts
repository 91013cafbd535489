import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { loginAgent, TEST_AUTHOR } from '../support/loginAgent.ts';
import { commitCount, expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';

describe('renaming and deleting library images: each a commit, a delete refused while in use unless confirmed', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let agent: Awaited<ReturnType<typeof loginAgent>>;
  let author: Awaited<ReturnType<typeof loginAgent>>;
  const oidOf = (path: string) => gitCli(repo.dir, ['rev-parse', `HEAD:${path}`]);
  const has = (path: string) => gitCli(repo.dir, ['ls-tree', '--name-only', 'HEAD', path]) !== '';

  beforeAll(async () => {
    const images = await makeImages();
    repo = makeFixtureRepo({
      'hugo.toml': 'title = "x"\n',
      'content/posts/notes.md': '---\ntitle: Notes\n---\n![logo](/images/logo.png)\n',
      'content/posts/bea/index.md': '---\ntitle: Bea\ndraft: true\nauthors: [bea]\n---\n',
      'content/posts/bea/shot.png': images.png,
      'static/images/logo.png': images.png,
      'static/images/unused.jpg': images.jpeg,
      'static/images/other.jpg': images.jpeg,
    });
    const ctx = await openContext({ repo: repo.dir });
    const app = createApp(ctx);
    agent = await loginAgent(app, ctx);
    author = await loginAgent(app, ctx, TEST_AUTHOR);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('renames an unused image to a slug in its folder, keeping the blob, as one commit', async () => {
    const oid = oidOf('static/images/unused.jpg');
    const before = commitCount(repo.dir);
    const res = await agent
      .post('/api/media/rename')
      .send({ path: 'static/images/unused.jpg', name: 'Novo Nome', baseOid: oid })
      .expect(200);
    expect(res.body.path).toBe('static/images/novo-nome.jpg');
    expect(oidOf('static/images/novo-nome.jpg')).toBe(oid);
    expect(has('static/images/unused.jpg')).toBe(false);
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(lastCommit(repo.dir)).toMatchObject({
      author: 'Ana Editor',
      subject: 'Rename "unused.jpg" to "novo-nome.jpg"',
    });
    expectHealthyRepo(repo.dir);
  });

  it('refuses to rename onto an existing name, from a stale version, (409); a used image is renamed with its references (mediaRename.test.ts)', async () => {
    const oid = oidOf('static/images/novo-nome.jpg');
    const exists = await agent
      .post('/api/media/rename')
      .send({ path: 'static/images/novo-nome.jpg', name: 'other', baseOid: oid })
      .expect(409);
    expect(exists.body.error.details.reason).toBe('exists');
    const stale = await agent
      .post('/api/media/rename')
      .send({ path: 'static/images/novo-nome.jpg', name: 'x', baseOid: '0'.repeat(40) })
      .expect(409);
    expect(stale.body.error.details.reason).toBe('stale');
  });

  it('deletes an image in use only when confirmed', async () => {
    const oid = oidOf('static/images/logo.png');
    const refused = await agent
      .delete('/api/media/file/static/images/logo.png')
      .query({ baseOid: oid })
      .expect(409);
    expect(refused.body.error.details.reason).toBe('in_use');
    expect(has('static/images/logo.png')).toBe(true);
    const res = await agent
      .delete('/api/media/file/static/images/logo.png')
      .query({ baseOid: oid, force: 'true' })
      .expect(200);
    expect(res.body.path).toBeNull();
    expect(has('static/images/logo.png')).toBe(false);
    expect(lastCommit(repo.dir).subject).toBe('Delete "logo.png"');
    expectHealthyRepo(repo.dir);
  });

  it("lets an author change images of their own draft's bundle, not the site's shared images", async () => {
    const denied = await author
      .delete('/api/media/file/static/images/other.jpg')
      .query({ baseOid: oidOf('static/images/other.jpg') })
      .expect(403);
    expect(denied.body.error.details).toMatchObject({ permission: 'entry.delete', reason: 'role' });
    await author
      .post('/api/media/rename')
      .send({
        path: 'content/posts/bea/shot.png',
        name: 'tela',
        baseOid: oidOf('content/posts/bea/shot.png'),
      })
      .expect(200);
    expect(has('content/posts/bea/tela.png')).toBe(true);
    expect(lastCommit(repo.dir).author).toBe('Bea Author');
  });
});
