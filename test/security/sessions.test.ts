import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';
import { TEAM, TEAM_PASSWORD, openTeam, signIn } from '../support/teamFixture.ts';

const DAY = 24 * 3600 * 1000;
const cookieOf = (res: request.Response) => String(res.headers['set-cookie']).split(';')[0]!;

describe('sessions', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    team = await openTeam(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('survive a restart, and the file keeps only token hashes, private, outside the working tree', async () => {
    const res = await request(team.app)
      .post('/api/session')
      .send({ username: TEAM.editor.username, password: TEAM_PASSWORD })
      .expect(200);
    const cookie = cookieOf(res);
    await team.ctx.close();
    const reopened = await openContext({ repo: repo.dir });
    const app = createApp(reopened);
    const again = await request(app).get('/api/session').set('Cookie', cookie).expect(200);
    expect(again.body.user.username).toBe(TEAM.editor.username);
    await request(app).get('/api/entries').set('Cookie', cookie).expect(200);

    const file = join(repo.dir, '.git/folio/sessions.json');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(cookie.split('=')[1]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe('');
  });

  it('end when the password changes; the session that changed it gets a fresh token', async () => {
    const a = await signIn(team.app, TEAM.author.username);
    const b = await signIn(team.app, TEAM.author.username);
    const weak = await a
      .post('/api/profile/password')
      .send({ currentPassword: TEAM_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(weak.body.error.details.field).toBe('newPassword');
    const wrong = await a
      .post('/api/profile/password')
      .send({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' })
      .expect(400);
    expect(wrong.body.error.details.field).toBe('currentPassword');
    await b.get('/api/session').expect(200); // refused changes end nothing

    const changed = await a
      .post('/api/profile/password')
      .send({ currentPassword: TEAM_PASSWORD, newPassword: 'a brand new passphrase' })
      .expect(204);
    expect(String(changed.headers['set-cookie'])).toMatch(/folio_session=[\w-]{40,}/);
    await a.get('/api/session').expect(200);
    await b.get('/api/session').expect(401);
    await request(team.app)
      .post('/api/session')
      .send({ username: TEAM.author.username, password: TEAM_PASSWORD })
      .expect(401);
    await signIn(team.app, TEAM.author.username, 'a brand new passphrase');
    await team.ctx.users.upsert({ ...TEAM.author }, TEAM_PASSWORD);
  });

  it('end when an admin lowers the role, narrows the collections, disables or removes the user; raising keeps them', async () => {
    const admin = await signIn(team.app, TEAM.admin.username);
    const username = 'temp-editor';
    await team.ctx.users.upsert(
      { username, name: 'Temp', email: 'temp@example.com', role: 'author' },
      TEAM_PASSWORD,
    );
    let agent = await signIn(team.app, username);
    await admin.patch(`/api/users/${username}`).send({ role: 'editor' }).expect(200);
    expect((await agent.get('/api/session').expect(200)).body.user.role).toBe('editor');
    await admin.patch(`/api/users/${username}`).send({ role: 'author' }).expect(200);
    await agent.get('/api/session').expect(401);

    agent = await signIn(team.app, username);
    await admin
      .patch(`/api/users/${username}`)
      .send({ collections: ['docs'] })
      .expect(200);
    await agent.get('/api/session').expect(401);

    agent = await signIn(team.app, username);
    await admin.patch(`/api/users/${username}`).send({ disabled: true }).expect(200);
    await agent.get('/api/session').expect(401);
    const refused = await request(team.app)
      .post('/api/session')
      .send({ username, password: TEAM_PASSWORD })
      .expect(401);
    expect(refused.body.error.message).toMatch(/disabled/);
    await admin.patch(`/api/users/${username}`).send({ disabled: false }).expect(200);

    agent = await signIn(team.app, username);
    await admin.delete(`/api/users/${username}`).expect(204);
    await agent.get('/api/session').expect(401);
    // Added again under the same name: the old sessions stay dead.
    await team.ctx.users.add(
      { username, name: 'Temp', email: 'temp@example.com', role: 'author' },
      TEAM_PASSWORD,
    );
    await agent.get('/api/session').expect(401);
  });

  it('all end with "sign out everywhere", and one ends at sign-out', async () => {
    const a = await signIn(team.app, TEAM.viewer.username);
    const b = await signIn(team.app, TEAM.viewer.username);
    const c = await signIn(team.app, TEAM.viewer.username);
    await c.delete('/api/session').expect(204);
    await c.get('/api/session').expect(401);
    await a.get('/api/session').expect(200);
    await a.post('/api/session/sign-out-everywhere').send({}).expect(204);
    await a.get('/api/session').expect(401);
    await b.get('/api/session').expect(401);
    await signIn(team.app, TEAM.viewer.username);
  });

  it('end after 7 idle days, and 30 days after sign-in however much they are used', async () => {
    let clock = Date.now();
    const ctx = await openContext({ repo: repo.dir, sessions: { now: () => clock } });
    const app = createApp(ctx);
    const busy = await signIn(app, TEAM.editor.username);
    const idle = await signIn(app, TEAM.editor.username);
    for (let day = 6; day < 30; day += 6) {
      clock += 6 * DAY;
      await busy.get('/api/session').expect(200);
    }
    await idle.get('/api/session').expect(401); // unused for 24 days
    clock += 6 * DAY + 1; // 30 days and a bit after sign-in, last used 6 days ago
    await busy.get('/api/session').expect(401);

    const fresh = await signIn(app, TEAM.editor.username);
    clock += 7 * DAY - 1000;
    await fresh.get('/api/session').expect(200);
    clock += 7 * DAY + 1000;
    await fresh.get('/api/session').expect(401);
  });

  it('sets an httpOnly SameSite=Strict cookie, Secure when the request came over HTTPS through a trusted proxy', async () => {
    const signInVia = (trustProxy: string[]) =>
      request(createApp(team.ctx, { trustProxy }))
        .post('/api/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ username: TEAM.viewer.username, password: TEAM_PASSWORD })
        .expect(200);
    const trusted = String((await signInVia(['loopback'])).headers['set-cookie']);
    expect(trusted).toMatch(/HttpOnly/);
    expect(trusted).toMatch(/SameSite=Strict/);
    expect(trusted).toMatch(/Secure/);
    expect(trusted).toMatch(/Max-Age=2592000/);
    expect(String((await signInVia([])).headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('a password reset gives a one-time password that signs in and asks for a new one', async () => {
    const admin = await signIn(team.app, TEAM.admin.username);
    const old = await signIn(team.app, TEAM.viewer.username);
    const reset = await admin.post(`/api/users/${TEAM.viewer.username}/password-reset`).send({});
    expect(reset.status).toBe(200);
    await old.get('/api/session').expect(401);
    const agent = request.agent(team.app);
    const first = await agent
      .post('/api/session')
      .send({ username: TEAM.viewer.username, password: reset.body.password })
      .expect(200);
    expect(first.body.mustChangePassword).toBe(true);
    await agent
      .post('/api/profile/password')
      .send({ currentPassword: reset.body.password, newPassword: TEAM_PASSWORD })
      .expect(204);
    expect((await agent.get('/api/session').expect(200)).body.mustChangePassword).toBe(false);
  });
});
