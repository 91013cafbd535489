import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { commitCount, expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';

describe('POST /api/entries/{id}/bundle: a single-file post becomes a page bundle', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const oidOf = (path: string) => gitCli(repo.dir, ['rev-parse', `HEAD:${path}`]);

  beforeAll(async () => {
    repo = makeFixtureRepo({
      'hugo.toml': 'defaultContentLanguage = "pt"\n[languages.pt]\n[languages.en]\n',
      'content/posts/trip.md': '---\ntitle: Viagem\n---\nCorpo.\n',
      'content/posts/trip.en.md': '---\ntitle: Trip\n---\nBody.\n',
      'content/posts/done/index.md': '---\ntitle: Done\n---\n',
      'content/posts/other.md': '---\ntitle: Other\n---\n',
    });
    folio = await openFolio(repo.dir);
    // A second commit on the post, so its history has something to follow.
    const entry = await folio.agent.get(entryUrl('content/posts/trip.md')).expect(200);
    await folio.agent
      .put(entryUrl('content/posts/trip.md'))
      .send({ frontMatter: { title: 'Viagem' }, body: 'Corpo novo.\n', baseOid: entry.body.oid })
      .expect(200);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('renames x.md to x/index.md in one commit by the editor, keeping the bytes and the history', async () => {
    const before = commitCount(repo.dir);
    const oid = oidOf('content/posts/trip.md');
    const res = await folio.agent
      .post(entryUrl('content/posts/trip.md', '/bundle'))
      .send({ baseOid: oid })
      .expect(200);
    expect(res.body).toMatchObject({ id: 'content/posts/trip/index.md', oid, changed: true });
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(lastCommit(repo.dir)).toMatchObject({
      author: 'Ana Editor',
      subject: 'Make "Viagem" a page bundle',
    });
    expect(oidOf('content/posts/trip/index.md')).toBe(oid);
    expect(gitCli(repo.dir, ['ls-tree', 'HEAD', 'content/posts/trip.md'])).toBe('');
    // git sees a rename, and Folio's history of the new id reaches the commits before it.
    expect(gitCli(repo.dir, ['show', '-M', '--name-status', '--format=', 'HEAD'])).toMatch(
      /^R100\tcontent\/posts\/trip\.md\tcontent\/posts\/trip\/index\.md$/m,
    );
    const history = await folio.agent
      .get(entryUrl('content/posts/trip/index.md', '/history'))
      .expect(200);
    expect(history.body.items.length).toBe(3);
    expectHealthyRepo(repo.dir);
  });

  it('keeps the language suffix of a translation (x.en.md -> x/index.en.md), and uploads then go beside it', async () => {
    const oid = oidOf('content/posts/trip.en.md');
    const res = await folio.agent
      .post(entryUrl('content/posts/trip.en.md', '/bundle'))
      .send({ baseOid: oid })
      .expect(200);
    expect(res.body.id).toBe('content/posts/trip/index.en.md');
    const { png } = await makeImages();
    const up = await folio.agent
      .post('/api/media/uploads')
      .query({ name: 'map.png', entry: 'content/posts/trip/index.en.md' })
      .set('Content-Type', 'image/png')
      .send(png)
      .expect(201);
    expect(up.body).toMatchObject({ path: 'content/posts/trip/map.png', reference: 'map.png' });
    expectHealthyRepo(repo.dir);
  });

  it('refuses a bundle (400), a stale version (409) and a missing entry (404)', async () => {
    const done = await folio.agent
      .post(entryUrl('content/posts/done/index.md', '/bundle'))
      .send({ baseOid: oidOf('content/posts/done/index.md') })
      .expect(400);
    expect(done.body.error.details.reason).toBe('already_bundle');
    await folio.agent
      .post(entryUrl('content/posts/nope.md', '/bundle'))
      .send({ baseOid: '0'.repeat(40) })
      .expect(404);
    const conflict = await folio.agent
      .post(entryUrl('content/posts/other.md', '/bundle'))
      .send({ baseOid: '1'.repeat(40) })
      .expect(409);
    expect(conflict.body.error.details.reason).toBe('stale');
  });
});
