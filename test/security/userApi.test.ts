import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { lastCommit } from '../support/repoChecks.ts';
import { entryUrl, SITE_FIXTURE } from '../support/siteFixture.ts';
import { TEAM, TEAM_PASSWORD, openTeam, signIn } from '../support/teamFixture.ts';

describe('users and profiles over the API', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    team = await openTeam(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('lists users with role, collections, state and last sign-in, never a hash', async () => {
    const res = await team.agents.admin.get('/api/users').expect(200);
    const ed = res.body.items.find(
      (u: { username: string }) => u.username === TEAM.editor.username,
    );
    expect(ed).toEqual({
      ...TEAM.editor,
      disabled: false,
      mustChangePassword: false,
      createdAt: expect.any(String),
      lastSignInAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash|sessionStamp/);
  });

  it('adds a user with a one-time password when none is given, refusing bad input', async () => {
    const admin = team.agents.admin;
    const person = { username: 'bea', name: 'Bea Lima', email: 'bea@example.com', role: 'author' };
    const created = await admin.post('/api/users').send(person).expect(201);
    expect(created.body.user).toMatchObject({ ...person, mustChangePassword: true });
    expect(created.body.password).toMatch(/^[\w-]{20}$/);
    const first = await request(team.app)
      .post('/api/session')
      .send({ username: 'bea', password: created.body.password })
      .expect(200);
    expect(first.body).toMatchObject({ user: person, mustChangePassword: true });

    const dup = await admin.post('/api/users').send({ ...person, password: TEAM_PASSWORD });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe('exists');
    for (const bad of [
      { ...person, username: 'new1', role: 'owner' },
      { ...person, username: 'new2', email: 'not-an-email' },
      { ...person, username: 'New Person' },
      { ...person, username: 'new3', password: 'short' },
      { ...person, username: 'new4', password: '' },
      { ...person, username: 'new5', name: '' },
    ]) {
      const res = await admin.post('/api/users').send(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(team.ctx.users.find('new3')).toBeUndefined();
  });

  it('keeps a restricted editor to their collections', async () => {
    const admin = team.agents.admin;
    await admin
      .post('/api/users')
      .send({
        username: 'dora',
        name: 'Dora Docs',
        email: 'dora@example.com',
        role: 'editor',
        collections: ['docs'],
        password: TEAM_PASSWORD,
      })
      .expect(201);
    const dora = await signIn(team.app, 'dora');
    const blog = await dora
      .patch(entryUrl('content/blog/alpha.md'))
      .send({ set: { pinned: true } });
    expect(blog.status).toBe(403);
    expect(blog.body.error.details).toEqual({ permission: 'entry.edit', reason: 'collection' });
    await dora
      .patch(entryUrl('content/docs/intro.md'))
      .send({ set: { pinned: true } })
      .expect(200);
    const create = await dora
      .post('/api/entries')
      .send({ collection: 'blog', frontMatter: { title: 'Nope' }, body: '' });
    expect(create.status).toBe(403);
    const alpha = entryUrl('content/blog/alpha.md');
    const { oid } = (await dora.get(alpha).expect(200)).body;
    await dora
      .post(`${entryUrl('content/docs/intro.md')}/move`)
      .send({
        to: 'content/blog/intro.md',
        baseOid: (await dora.get(entryUrl('content/docs/intro.md'))).body.oid,
      })
      .expect(403);
    expect((await dora.get(alpha)).body.oid).toBe(oid);
  });

  it('never leaves the users without an admin', async () => {
    const admin = team.agents.admin;
    for (const change of [{ role: 'editor' }, { disabled: true }]) {
      const res = await admin.patch(`/api/users/${TEAM.admin.username}`).send(change).expect(409);
      expect(res.body.error.details.reason).toBe('last_admin');
    }
    await admin.delete(`/api/users/${TEAM.admin.username}`).expect(409);
    await admin.patch('/api/users/nobody').send({ name: 'X' }).expect(404);
    await admin.patch(`/api/users/${TEAM.viewer.username}`).send({ password: 'x' }).expect(400);
  });

  it('lets everyone change their name and email, which author their next commits', async () => {
    const agent = team.agents.editor;
    const res = await agent
      .patch('/api/profile')
      .send({ name: 'Edna Editor', email: 'edna@example.org' })
      .expect(200);
    expect(res.body.user).toMatchObject({ username: TEAM.editor.username, name: 'Edna Editor' });
    await agent.patch('/api/profile').send({ email: 'nope' }).expect(400);
    await agent.patch('/api/profile').send({ role: 'admin' }).expect(400);
    await agent
      .patch(entryUrl('content/blog/beta.md'))
      .send({ set: { featured: true } })
      .expect(200);
    expect(lastCommit(repo.dir)).toMatchObject({
      author: 'Edna Editor',
      email: 'edna@example.org',
    });
    expect((await agent.get('/api/profile').expect(200)).body.user.email).toBe('edna@example.org');
  });
});
