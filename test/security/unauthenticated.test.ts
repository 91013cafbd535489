import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { routeUrl, walkRoutes } from '../support/routeWalk.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';
import { TEAM, TEAM_PASSWORD, snapshotState } from '../support/teamFixture.ts';

describe('every route without a session', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let ctx: FolioContext;
  let app: ReturnType<typeof createApp>;
  let values: Record<string, string>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    ctx = await openContext({ repo: repo.dir });
    await ctx.users.upsert({ ...TEAM.admin }, TEAM_PASSWORD);
    app = createApp(ctx);
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    values = {
      id: encodeURIComponent('content/blog/alpha.md'),
      commit: head,
      oid: head,
      username: TEAM.admin.username,
      name: 'blog',
    };
  });
  afterAll(() => repo.cleanup());

  it('answers 401 unauthenticated and changes nothing, on every route but sign-in, sign-out and health', async () => {
    const routes = walkRoutes(app).filter((r) => r.policy !== 'public');
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const before = snapshotState(repo.dir, ctx);
      const url = routeUrl(route, values);
      const req = request(app)[route.method.toLowerCase() as 'get'](url);
      const res =
        route.method === 'GET' || route.method === 'DELETE' ? await req : await req.send({});
      expect(res.status, `${route.method} ${url}`).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
      expect(snapshotState(repo.dir, ctx)).toEqual(before);
    }
  });

  it('answers 401 to a cookie that names no session, and to a forged one', async () => {
    for (const cookie of ['folio_session=nope', `folio_session=${'A'.repeat(43)}`])
      await request(app).get('/api/entries').set('Cookie', cookie).expect(401);
  });
});
