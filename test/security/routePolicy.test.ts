import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../shared/policy/permissions.ts';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { walkRoutes } from '../support/routeWalk.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';

describe('every route declares its policy', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let routes: ReturnType<typeof walkRoutes>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    routes = walkRoutes(createApp(await openContext({ repo: repo.dir })));
  });
  afterAll(() => repo.cleanup());

  it('finds the routes (the walk sees mounted routers and the entry dispatcher)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'GET /health',
      'POST /session',
      'GET /users',
      'PATCH /users/:username',
      'GET /entries',
      'PUT /entries/{id}',
      'POST /entries/{id}/restore',
      'GET /commits/:oid',
      'POST /profile/password',
    ])
      expect(names).toContain(expected);
  });

  it('has permit(<permission>), permit("signed-in") or permit("public") on every route', () => {
    const missing = routes.filter((r) => r.policy === null).map((r) => `${r.method} ${r.path}`);
    expect(missing, 'routes without a policy: start them with permit(…)').toEqual([]);
    const valid = new Set<string>([...PERMISSIONS, 'signed-in', 'public']);
    for (const route of routes) expect(valid.has(route.policy!), route.path).toBe(true);
  });

  it('keeps anonymous routes to sign-in (password or provider), sign-out, health and the signed push webhook', () => {
    const open = routes.filter((r) => r.policy === 'public').map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual(
      expect.arrayContaining(['DELETE /session', 'GET /health', 'POST /session']),
    );
    const allowed = [
      'DELETE /session',
      'GET /health',
      'POST /session',
      'POST /hooks/push',
      // Sign-in through an identity provider: the provider's signed answer is the credential.
      'GET /session/providers',
      'GET /session/oidc/start',
      'GET /session/oidc/callback',
    ];
    expect(open.filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('asks a write permission of every route that changes content, and users.manage of user admin', () => {
    for (const route of routes) {
      if (route.path.startsWith('/users')) expect(route.policy, route.path).toBe('users.manage');
      if (route.path.startsWith('/entries') && route.method !== 'GET')
        expect(route.policy, `${route.method} ${route.path}`).toMatch(/^entry\./);
    }
  });
});
