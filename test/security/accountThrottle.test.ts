import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';
import { TEAM, TEAM_PASSWORD, openTeam, signIn } from '../support/teamFixture.ts';

describe('throttling per account', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    team = await openTeam(
      repo.dir,
      {},
      {
        trustProxy: ['loopback'],
        loginLimits: { perAccountAddress: 3, perAccount: 5, perAddress: 100 },
      },
    );
  });
  afterAll(() => repo.cleanup());

  const attempt = (username: string, password: string, from: string) =>
    request(team.app)
      .post('/api/session')
      .set('X-Forwarded-For', from)
      .send({ username, password });

  it('locks an account guessed at from many addresses, not the other accounts', async () => {
    for (let i = 0; i < 5; i++)
      await attempt(TEAM.editor.username, `guess ${i}`, `198.51.100.${i}`).expect(401);
    const blocked = await attempt(TEAM.editor.username, TEAM_PASSWORD, '203.0.113.9').expect(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(blocked.body.error.message).toMatch(/for this account\b/);
    expect(blocked.headers['set-cookie']).toBeUndefined();
    await attempt(TEAM.viewer.username, TEAM_PASSWORD, '203.0.113.9').expect(200);
  });

  it('locks one account at one address first, leaving it open elsewhere', async () => {
    for (let i = 0; i < 3; i++)
      await attempt(TEAM.author.username, `guess ${i}`, '192.0.2.1').expect(401);
    await attempt(TEAM.author.username, TEAM_PASSWORD, '192.0.2.1').expect(429);
    await attempt(TEAM.author.username, TEAM_PASSWORD, '192.0.2.2').expect(200);
  });

  it('counts guesses at the current password of a password change too', async () => {
    const agent = await signIn(team.app, TEAM.admin.username);
    const change = (currentPassword: string) =>
      agent
        .post('/api/profile/password')
        .set('X-Forwarded-For', '192.0.2.50')
        .send({ currentPassword, newPassword: 'another fine passphrase' });
    for (let i = 0; i < 3; i++) await change(`guess ${i}`).expect(400);
    const blocked = await change(TEAM_PASSWORD).expect(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    await agent.get('/api/session').expect(200); // nothing changed: the old password still holds
    await attempt(TEAM.admin.username, TEAM_PASSWORD, '192.0.2.51').expect(200);
  });
});
