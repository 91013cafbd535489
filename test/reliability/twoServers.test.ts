import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';

// Two Folio servers on one repository (a second process, or a second instance behind a balancer):
// each checks the working tree against a head the other may already have moved; a check that
// fails only because the other server's commit landed meanwhile must be tried again on the new
// head, never answered as the person's uncommitted change.

const LONG = process.env.FOLIO_LONG === '1';
const ROUNDS = LONG ? 60 : 12;
const POSTS = 6;

describe('two servers on one repository', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it(`lands every save of both, with no spurious 409 (${ROUNDS * 2 * POSTS} saves)`, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < POSTS * 2; i++)
      files[`content/posts/p${i}.md`] = `---\ntitle: P${i}\n---\nPost ${i}.\n`;
    const repo = makeFixtureRepo(files);
    cleanups.push(repo.cleanup);
    const servers = [await openFolio(repo.dir), await openFolio(repo.dir)];
    const start = commitCount(repo.dir);
    const failures: string[] = [];
    // Server 0 saves the even posts, server 1 the odd ones: no real conflict anywhere.
    await Promise.all(
      servers.map(async (folio, s) => {
        for (let round = 0; round < ROUNDS; round++) {
          await Promise.all(
            Array.from({ length: POSTS }, async (_, k) => {
              const id = `content/posts/p${k * 2 + s}.md`;
              const { body } = await folio.agent.get(entryUrl(id)).expect(200);
              const res = await folio.agent.put(entryUrl(id)).send({
                frontMatter: { title: `P${k * 2 + s} r${round}` },
                body: body.body,
                baseOid: body.oid,
              });
              if (res.status !== 200)
                failures.push(`${id} round ${round}: ${res.status} ${JSON.stringify(res.body)}`);
            }),
          );
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(commitCount(repo.dir) - start).toBe(ROUNDS * 2 * POSTS);
    expect(gitCli(repo.dir, ['diff-index', '--cached', 'HEAD'])).toBe('');
    expectHealthyRepo(repo.dir);
  }, 120_000);
});
