import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { routeUrl, walkRoutes } from '../support/routeWalk.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';
import { TEAM, openTeam, snapshotState } from '../support/teamFixture.ts';

describe('cross-origin writes', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;
  let values: Record<string, string>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    team = await openTeam(repo.dir);
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    values = {
      id: encodeURIComponent('content/blog/alpha.md'),
      commit: head,
      oid: head,
      username: TEAM.viewer.username,
      name: 'blog',
    };
  });
  afterAll(() => repo.cleanup());

  it('are refused with 403 on every route that changes something, even for an admin, and change nothing', async () => {
    const writes = walkRoutes(team.app).filter(
      (r) => r.method !== 'GET' && r.path !== '/hooks/push',
    );
    expect(writes.length).toBeGreaterThan(10);
    for (const route of writes)
      for (const [header, value] of [
        ['Origin', 'https://evil.example'],
        ['Sec-Fetch-Site', 'cross-site'],
      ] as const) {
        const before = snapshotState(repo.dir, team.ctx);
        const url = routeUrl(route, values);
        const res = await team.agents.admin[route.method.toLowerCase() as 'post'](url)
          .set(header, value)
          .send({ set: { draft: true }, name: 'Evil', role: 'viewer' });
        expect(res.status, `${route.method} ${url} with ${header}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
        expect(snapshotState(repo.dir, team.ctx)).toEqual(before);
      }
    await team.agents.admin.get('/api/session').expect(200); // the session survived them all
  });
});
