import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';

const POSTS = 20;
const files: FixtureFiles = { 'hugo.toml': 'title = "Load"\n' };
for (let i = 0; i < POSTS; i++) {
  files[`content/posts/post-${i}.md`] =
    `---\ntitle: Post ${i}\ndraft: true\nfeatured: false\npinned: false\n---\nBody ${i}.\n`;
}

describe('concurrent saves', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(files);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('turns 20 parallel saves of different posts into 20 commits in one linear history', async () => {
    const start = commitCount(repo.dir);
    const entries = await Promise.all(
      Array.from({ length: POSTS }, (_, i) =>
        folio.agent.get(entryUrl(`content/posts/post-${i}.md`)).expect(200),
      ),
    );
    const results = await Promise.all(
      entries.map(({ body }) =>
        folio.agent.put(entryUrl(body.id)).send({
          frontMatter: { ...body.frontMatter, draft: false },
          body: `${body.body}Edited.\n`,
          baseOid: body.oid,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(POSTS).fill(200));
    expect(commitCount(repo.dir)).toBe(start + POSTS);
    const parents = gitCli(repo.dir, ['rev-list', '--parents', 'HEAD']).split('\n');
    expect(parents.every((line) => line.split(' ').length <= 2)).toBe(true);
    const landed = new Set(results.map((r) => r.body.commit));
    expect(landed.size).toBe(POSTS);
    const reachable = new Set(gitCli(repo.dir, ['rev-list', 'HEAD']).split('\n'));
    for (const commit of landed) expect(reachable.has(commit)).toBe(true);
    for (let i = 0; i < POSTS; i++)
      expect(gitCli(repo.dir, ['show', `HEAD:content/posts/post-${i}.md`])).toContain('Edited.');
    expectHealthyRepo(repo.dir);
  });

  it('lets the first of two saves from the same base win and answers 409 to the other', async () => {
    const id = 'content/posts/post-0.md';
    const { body } = await folio.agent.get(entryUrl(id)).expect(200);
    const before = commitCount(repo.dir);
    const [a, b] = await Promise.all([
      folio.agent.put(entryUrl(id)).send({
        frontMatter: { ...body.frontMatter, title: 'A wins?' },
        body: body.body,
        baseOid: body.oid,
      }),
      folio.agent.put(entryUrl(id)).send({
        frontMatter: { ...body.frontMatter, title: 'B wins?' },
        body: body.body,
        baseOid: body.oid,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.body.error.details.current.oid).toBe(winner.body.oid);
    expect(commitCount(repo.dir)).toBe(before + 1);
    expectHealthyRepo(repo.dir);
  });

  it('applies two editors’ toggles of different flags on the same post: both win', async () => {
    const id = 'content/posts/post-1.md';
    const [featured, pinned] = await Promise.all([
      folio.agent.patch(entryUrl(id)).send({ set: { featured: true } }),
      folio.agent.patch(entryUrl(id)).send({ set: { pinned: true } }),
    ]);
    expect([featured.status, pinned.status]).toEqual([200, 200]);
    const { body } = await folio.agent.get(entryUrl(id)).expect(200);
    expect(body.frontMatter).toMatchObject({ featured: true, pinned: true });
    expectHealthyRepo(repo.dir);
  });
});
