import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { makeSampleRepo } from '../support/tempRepo.ts';
import { loginAgent, TEST_EDITOR, TEST_PASSWORD } from '../support/loginAgent.ts';
import { gitCli } from '../support/gitCli.ts';

describe('sessions and request guards', () => {
  let repo: ReturnType<typeof makeSampleRepo>;
  let ctx: FolioContext;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    repo = makeSampleRepo();
    ctx = await openContext({ repo: repo.dir });
    app = createApp(ctx);
    await ctx.users.upsert(TEST_EDITOR, TEST_PASSWORD);
  });
  afterAll(() => repo.cleanup());

  it('answers health without a session with {ok} only, and names the head commit with one', async () => {
    expect((await request(app).get('/api/health').expect(200)).body).toEqual({ ok: true });
    const agent = await loginAgent(app, ctx);
    const res = await agent.get('/api/health').expect(200);
    expect(res.body).toEqual({
      ok: true,
      head: gitCli(repo.dir, ['rev-parse', 'HEAD']),
      historyIndex: {
        ready: expect.any(Boolean),
        indexed: expect.any(Number),
        total: expect.any(Number),
      },
    });
  });

  it('refuses API routes without a session (401, JSON error)', async () => {
    const res = await request(app).get('/api/session').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('rejects a wrong password and an unknown user alike', async () => {
    const wrong = await request(app)
      .post('/api/session')
      .send({ username: 'ana', password: 'nope' })
      .expect(401);
    const unknown = await request(app)
      .post('/api/session')
      .send({ username: 'zed', password: 'nope' })
      .expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('validates the login body', async () => {
    const res = await request(app).post('/api/session').send({ username: '' }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/username|password/);
  });

  it('signs in with an httpOnly SameSite=Strict cookie, a new token each time, and signs out', async () => {
    const agent = request.agent(app);
    const first = await agent
      .post('/api/session')
      .send({ username: 'ana', password: TEST_PASSWORD })
      .expect(200);
    expect(first.body.user).toEqual(TEST_EDITOR);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/folio_session=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const second = await agent
      .post('/api/session')
      .send({ username: 'ana', password: TEST_PASSWORD })
      .expect(200);
    expect(String(second.headers['set-cookie'])).not.toBe(cookie);

    expect((await agent.get('/api/session').expect(200)).body.user.username).toBe('ana');
    await agent.delete('/api/session').expect(204);
    await agent.get('/api/session').expect(401);
  });

  it('keeps the old token dead after a new login (no session fixation)', async () => {
    const first = await request(app)
      .post('/api/session')
      .send({ username: 'ana', password: TEST_PASSWORD });
    const oldCookie = String(first.headers['set-cookie']).split(';')[0]!;
    await request(app)
      .post('/api/session')
      .set('Cookie', oldCookie)
      .send({ username: 'ana', password: TEST_PASSWORD });
    await request(app).get('/api/session').set('Cookie', oldCookie).expect(401);
  });

  it('refuses cross-site mutating requests', async () => {
    const agent = await loginAgent(app, ctx);
    const bySite = await agent
      .delete('/api/session')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    expect(bySite.body.error.code).toBe('forbidden');
    await agent
      .post('/api/session')
      .set('Origin', 'https://evil.example')
      .send({ username: 'a', password: 'b' })
      .expect(403);
    await agent.get('/api/session').expect(200);
  });

  it('accepts same-origin requests', async () => {
    const res = await request(createApp(ctx, { allowedHosts: ['folio.test'] }))
      .post('/api/session')
      .set('Host', 'folio.test')
      .set('Origin', 'http://folio.test')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ username: 'ana', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('refuses non-JSON bodies (a form post cannot log in)', async () => {
    const res = await request(app)
      .post('/api/session')
      .type('form')
      .send({ username: 'ana', password: TEST_PASSWORD })
      .expect(400);
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    await request(app)
      .post('/api/session')
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    const big = JSON.stringify({ username: 'a', password: 'x'.repeat(3 * 1024 * 1024) });
    const res = await request(app)
      .post('/api/session')
      .set('Content-Type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown API paths with a JSON 404 once signed in', async () => {
    const agent = await loginAgent(app, ctx);
    const res = await agent.get('/api/no-such-route').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('sends security headers with a CSP', async () => {
    const res = await request(app).get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('slows down password guessing: 429 after 10 failed sign-ins from one address', async () => {
    const fresh = createApp(ctx); // its own limiter, untouched by the other tests
    for (let i = 0; i < 10; i++) {
      await request(fresh)
        .post('/api/session')
        .send({ username: 'ana', password: `guess-${i}` })
        .expect(401);
    }
    const blocked = await request(fresh)
      .post('/api/session')
      .send({ username: 'ana', password: TEST_PASSWORD })
      .expect(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(blocked.body.error.message).toMatch(/Wait 15 minutes/);
  });

  it('keeps users out of the working tree and out of commits', () => {
    expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe('');
    expect(gitCli(repo.dir, ['ls-files'])).not.toMatch(/users\.json/);
  });
});
