import type { DestinationStream } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { entryUrl, SITE_FIXTURE } from '../support/siteFixture.ts';
import { TEAM, TEAM_PASSWORD, openTeam } from '../support/teamFixture.ts';

describe('the audit log', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;
  const lines: string[] = [];
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    const stream: DestinationStream = { write: (line: string) => void lines.push(line) };
    team = await openTeam(repo.dir, { logger: createLogger(stream) });
  });
  afterAll(() => repo.cleanup());

  it('has one line per sign-in, successful or not, with user, role, result and address', async () => {
    const signIns = records().filter((r) => r.event === 'sign-in');
    expect(signIns).toHaveLength(4); // the team signed in
    expect(signIns[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      event: 'sign-in',
      user: TEAM.viewer.username,
      role: 'viewer',
      result: 'ok',
      address: expect.stringMatching(/127\.0\.0\.1|::1/),
      msg: 'sign-in',
    });
    await request(team.app)
      .post('/api/session')
      .send({ username: TEAM.editor.username, password: 'wrong guess here' })
      .expect(401);
    expect(records().at(-1)).toMatchObject({
      event: 'sign-in',
      user: TEAM.editor.username,
      role: null,
      result: 'wrong_password',
    });
  });

  it('has one line per write: user, role, route, entry, status, result and commit', async () => {
    const res = await team.agents.editor
      .patch(entryUrl('content/blog/alpha.md'))
      .send({ set: { featured: false } })
      .expect(200);
    expect(records().at(-1)).toEqual({
      level: 'info',
      time: expect.any(String),
      event: 'write',
      user: TEAM.editor.username,
      role: 'editor',
      method: 'PATCH',
      route: '/api/entries/content%2Fblog%2Falpha.md',
      entry: 'content/blog/alpha.md',
      target: null,
      status: 200,
      result: 'ok',
      commit: res.body.commit,
      address: expect.any(String),
      msg: 'write',
    });
    await team.agents.viewer
      .patch(entryUrl('content/blog/alpha.md'))
      .send({ set: { featured: true } })
      .expect(403);
    expect(records().at(-1)).toMatchObject({
      user: TEAM.viewer.username,
      role: 'viewer',
      status: 403,
      result: 'forbidden',
      commit: null,
    });
    await request(team.app).delete(entryUrl('content/blog/alpha.md')).expect(401);
    expect(records().at(-1)).toMatchObject({ user: null, status: 401, result: 'unauthenticated' });
    await team.agents.admin.post('/api/users/vic/password-reset').send({}).expect(200);
    expect(records().at(-1)).toMatchObject({
      user: TEAM.admin.username,
      target: 'vic',
      status: 200,
    });
  });

  it('never holds a password, a token or a cookie, nor do error answers', async () => {
    const agent = request.agent(team.app);
    const res = await agent
      .post('/api/session')
      .send({ username: TEAM.author.username, password: TEAM_PASSWORD })
      .expect(200);
    const token = String(res.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
    const wrong = await agent
      .post('/api/profile/password')
      .send({ currentPassword: 'secret wrong one', newPassword: 'the new secret phrase' })
      .expect(400);
    await agent
      .post('/api/profile/password')
      .send({ currentPassword: TEAM_PASSWORD, newPassword: 'the new secret phrase' })
      .expect(204);
    const text = lines.join('');
    for (const secret of [
      TEAM_PASSWORD,
      'secret wrong one',
      'the new secret phrase',
      token,
      'scrypt$',
    ])
      expect(text).not.toContain(secret);
    expect(JSON.stringify(wrong.body)).not.toContain('secret wrong one');
    expect(records().filter((r) => r.route === '/api/profile/password')).toHaveLength(2);
  });

  it('redacts secrets even when a caller passes them by mistake', () => {
    const captured: string[] = [];
    const logger = createLogger({ write: (line: string) => void captured.push(line) });
    logger.info({
      password: 'p1',
      req: { headers: { cookie: 'folio_session=t', authorization: 'x' } },
    });
    expect(captured.join('')).not.toMatch(/p1|folio_session=t|"x"/);
  });
});
