import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { loginAgent, TEST_AUTHOR } from '../support/loginAgent.ts';
import { commitCount, expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';

const NOTES =
  '---\ntitle: Notes\nimages: ["/blog/images/logo.png", "/images/other.jpg"]\ncover:\n  image: /images/logo.png?v=2\n  alt: "Logo"\n---\n' +
  'Intro ![logo](/blog/images/logo.png "Logo") and ![ref][l].\n\n<img src="/images/logo.png" width="20">\n' +
  '{{< figure src="/images/logo.png" caption="logo.png" >}}\n\n[l]: /images/logo.png\n\nThe word logo.png stays.\n';
const TRIP =
  '+++\ntitle = "Trip"\n[cover]\nimage = "cover.jpg"\nalt = "cover.jpg is here"\n+++\n![c](cover.jpg)\n![g](<gallery/a b.webp>)\n';

describe('POST /api/media/rename rewrites the references of the entries using the image, in the same commit', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let agent: Awaited<ReturnType<typeof loginAgent>>;
  let author: Awaited<ReturnType<typeof loginAgent>>;
  // The file's exact bytes at the head (gitCli trims its output).
  const fileAtHead = (dir: string, path: string) =>
    execFileSync('git', ['show', `HEAD:${path}`], { cwd: dir, encoding: 'utf8' });
  const oidOf = (path: string) => gitCli(repo.dir, ['rev-parse', `HEAD:${path}`]);
  const rename = (path: string, name: string, extra: Record<string, unknown> = {}) =>
    agent.post('/api/media/rename').send({ path, name, baseOid: oidOf(path), ...extra });

  beforeAll(async () => {
    const images = await makeImages();
    repo = makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "x"\n',
      'content/posts/notes.md': NOTES,
      'content/posts/crlf.md': '---\r\ntitle: CRLF\r\n---\r\n![x](/images/logo.png)\r\n',
      'content/posts/trip/index.md': TRIP,
      'content/posts/trip/cover.jpg': images.jpeg,
      'content/posts/trip/gallery/a b.webp': images.webp,
      'content/posts/bea/index.md':
        '---\ntitle: Bea\ndraft: true\nauthors: [bea]\n---\n![s](shot.png) ![l](/images/shared.png)\n',
      'content/posts/bea/shot.png': images.png,
      'content/posts/published.md': '---\ntitle: Pub\n---\n![l](/images/shared.png)\n',
      'static/images/logo.png': images.png,
      'static/images/other.jpg': images.jpeg,
      'static/images/shared.png': images.png,
      'content/posts/broken.md': '---\ntitle: [unclosed\n---\n![b](/images/broken.png)\n',
      'static/images/broken.png': images.png,
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

  it('renames a site image and every reference form to it, changing only the reference text', async () => {
    const before = commitCount(repo.dir);
    const detail = await agent.get('/api/media/detail/static/images/logo.png').expect(200);
    expect(detail.body.usedBy).toEqual(['content/posts/crlf.md', 'content/posts/notes.md']);
    const res = await rename('static/images/logo.png', 'Brand', { usedBy: detail.body.usedBy });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      path: 'static/images/brand.png',
      updated: ['content/posts/crlf.md', 'content/posts/notes.md'],
    });
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(lastCommit(repo.dir)).toMatchObject({
      author: 'Ana Editor',
      subject: 'Rename "logo.png" to "brand.png" (and its references in 2 entries)',
    });
    const expected = NOTES.replaceAll('/images/logo.png', '/images/brand.png');
    expect(fileAtHead(repo.dir, 'content/posts/notes.md')).toBe(expected);
    expect(fileAtHead(repo.dir, 'content/posts/crlf.md')).toBe(
      '---\r\ntitle: CRLF\r\n---\r\n![x](/images/brand.png)\r\n',
    );
    const names = gitCli(repo.dir, ['show', '--name-status', '--format=', 'HEAD']);
    expect(names.split('\n').sort()).toEqual([
      'M\tcontent/posts/crlf.md',
      'M\tcontent/posts/notes.md',
      'R100\tstatic/images/logo.png\tstatic/images/brand.png',
    ]);
    const usedNow = await agent.get('/api/media/detail/static/images/brand.png').expect(200);
    expect(usedNow.body.usedBy).toEqual(['content/posts/crlf.md', 'content/posts/notes.md']);
    expectHealthyRepo(repo.dir);
  });

  it('keeps bundle-relative references relative (TOML front matter, angle-bracket body links)', async () => {
    await rename('content/posts/trip/cover.jpg', 'Capa').expect(200);
    await rename('content/posts/trip/gallery/a b.webp', 'Praia').expect(200);
    expect(fileAtHead(repo.dir, 'content/posts/trip/index.md')).toBe(
      TRIP.replace('image = "cover.jpg"', 'image = "capa.jpg"')
        .replace('![c](cover.jpg)', '![c](capa.jpg)')
        .replace('<gallery/a b.webp>', '<gallery/praia.webp>'),
    );
    expect(lastCommit(repo.dir).subject).toBe(
      'Rename "a b.webp" to "praia.webp" (and its references in 1 entry)',
    );
    expectHealthyRepo(repo.dir);
  });

  it('refuses (403, nothing changes) when the editor may not edit one of the entries using it', async () => {
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    const res = await author
      .post('/api/media/rename')
      .send({
        path: 'content/posts/bea/shot.png',
        name: 'tela',
        baseOid: oidOf('content/posts/bea/shot.png'),
      })
      .expect(200);
    expect(res.body.updated).toEqual(['content/posts/bea/index.md']);
    const denied = await author
      .post('/api/media/rename')
      .send({
        path: 'static/images/shared.png',
        name: 'x',
        baseOid: oidOf('static/images/shared.png'),
      })
      .expect(403);
    expect(denied.body.error.code).toBe('forbidden');
    // An author may not change the site's shared images at all; an editor restricted away from
    // one using entry is named.
    expect(gitCli(repo.dir, ['rev-parse', 'HEAD~1'])).toBe(head);
  });

  it('names the entry the editor may not edit and writes nothing', async () => {
    const ctx = await openContext({ repo: repo.dir });
    const app = createApp(ctx);
    const narrow = await loginAgent(app, ctx, {
      username: 'nia',
      name: 'Nia Narrow',
      email: 'nia@example.com',
      role: 'editor',
      collections: ['pages'],
    });
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    const denied = await narrow
      .post('/api/media/rename')
      .send({
        path: 'static/images/shared.png',
        name: 'x',
        baseOid: oidOf('static/images/shared.png'),
      })
      .expect(403);
    expect(denied.body.error.details).toMatchObject({
      reason: 'collection',
      entry: 'content/posts/bea/index.md',
    });
    expect(denied.body.error.message).toContain('content/posts/bea/index.md');
    expect(gitCli(repo.dir, ['rev-parse', 'HEAD'])).toBe(head);
    await ctx.close();
  });

  it('is 409 stale when the users changed since the editor saw them, or an entry has an uncommitted edit', async () => {
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    const stale = await rename('static/images/shared.png', 'partilha', {
      usedBy: ['content/posts/published.md'],
    }).expect(409);
    expect(stale.body.error.details).toMatchObject({
      reason: 'stale',
      usedBy: ['content/posts/bea/index.md', 'content/posts/published.md'],
    });
    expect(gitCli(repo.dir, ['rev-parse', 'HEAD'])).toBe(head);
    commitOutside(repo.dir, { 'content/posts/other.md': '---\ntitle: O\n---\n' }, 'outside');
    const moved = await rename('static/images/other.jpg', 'y', {
      baseOid: '0'.repeat(40),
    }).expect(409);
    expect(moved.body.error.details.reason).toBe('stale');
    expectHealthyRepo(repo.dir);
  });

  it('never rewrites an entry whose front matter cannot be read: 422 naming it, nothing changed', async () => {
    const before = commitCount(repo.dir);
    const bytes = fileAtHead(repo.dir, 'content/posts/broken.md');
    const res = await rename('static/images/broken.png', 'Fixed');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unparseable');
    expect(res.body.error.message).toMatch(/content\/posts\/broken\.md.*Fix that file first/);
    expect(commitCount(repo.dir)).toBe(before);
    expect(fileAtHead(repo.dir, 'content/posts/broken.md')).toBe(bytes);
    expect(gitCli(repo.dir, ['ls-files', 'static/images/broken.png'])).toBe(
      'static/images/broken.png',
    );
  });
});
