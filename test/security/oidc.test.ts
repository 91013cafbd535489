import type { Express } from 'express';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { OidcSettings } from '../../server/auth/oidc/oidcSettings.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { createLogger } from '../../server/logger.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { followProvider, startTestProvider, type TestProvider } from '../support/oidcProvider.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';

const CALLBACK = 'http://folio.test/api/session/oidc/callback';

describe('sign-in with an OpenID Connect provider', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let provider: TestProvider;
  let ctx: FolioContext;
  let app: Express;
  const lines: string[] = [];
  const bodies: string[] = [];
  const secrets = new Set<string>();

  /** Signs in `sub` through the provider; returns the Folio agent and its callback's answer. */
  async function signIn(sub: string, tamper?: (callback: URL) => void) {
    provider.signInAs(sub);
    const agent = request.agent(app);
    const start = await agent.get('/api/session/oidc/start').expect(303);
    bodies.push(start.text);
    const back = await followProvider(start.headers.location!, provider.issuer, new Map());
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    secrets.add(back.searchParams.get('code')!);
    tamper?.(back);
    const callback = await agent.get(`${back.pathname}${back.search}`).expect(303);
    bodies.push(callback.text);
    for (const cookie of [start.headers['set-cookie'], callback.headers['set-cookie']].flat())
      if (cookie?.split(';')[0]!.split('=')[1]) secrets.add(cookie.split(';')[0]!.split('=')[1]!);
    return { agent, location: callback.headers.location! };
  }

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    provider = await startTestProvider(CALLBACK);
    secrets.add(provider.clientSecret);
    const stream: DestinationStream = { write: (line: string) => void lines.push(line) };
    ctx = await openContext({ repo: repo.dir, logger: createLogger(stream) });
    const oidc: OidcSettings = {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl: CALLBACK,
      name: 'Test IdP',
      scopes: 'openid profile email groups',
      roleClaim: 'groups',
      roleMap: { admins: 'admin', editors: 'editor', writers: 'author' },
      defaultRole: 'viewer',
      allowedDomains: ['example.org'],
    };
    app = createApp(ctx, { oidc });
    provider.accounts.set('sub-lucia', {
      sub: 'sub-lucia',
      email: 'lucia@example.org',
      email_verified: true,
      name: 'Lucía Fernández',
      preferred_username: 'Lucía',
      groups: ['staff', 'editors'],
    });
  }, 30_000);
  afterAll(async () => {
    await provider?.close();
    repo?.cleanup();
  });

  it('lists the provider for the login page', async () => {
    const res = await request(app).get('/api/session/providers').expect(200);
    expect(res.body).toEqual({
      providers: [{ id: 'oidc', name: 'Test IdP', startUrl: '/api/session/oidc/start' }],
    });
    const none = await request(createApp(ctx)).get('/api/session/providers').expect(200);
    expect(none.body).toEqual({ providers: [] });
  });

  it('creates the user on first sign-in with the mapped role, and the session works', async () => {
    const { agent, location } = await signIn('sub-lucia');
    expect(location).toBe('/');
    const session = await agent.get('/api/session').expect(200);
    bodies.push(session.text);
    expect(session.body.user).toEqual({
      username: 'lucia',
      name: 'Lucía Fernández',
      email: 'lucia@example.org',
      role: 'editor',
    });
    expect(ctx.users.get('lucia')?.lastSignInAt).not.toBeNull();
    // The users page marks them (and offers no password reset for them).
    expect(ctx.users.get('lucia')?.viaProvider).toBe(true);
    const line = lines.map((l) => JSON.parse(l)).find((r) => r.event === 'sign-in');
    expect(line).toMatchObject({
      method: 'oidc',
      user: 'lucia',
      role: 'editor',
      result: 'ok-created',
    });
  });

  it('reuses the user on the next sign-in and follows the provider’s groups', async () => {
    const count = ctx.users.list().length;
    provider.accounts.get('sub-lucia')!.groups = ['writers'];
    const { agent } = await signIn('sub-lucia');
    const session = await agent.get('/api/session').expect(200);
    expect(session.body.user).toMatchObject({ username: 'lucia', role: 'author' });
    expect(ctx.users.list()).toHaveLength(count);
  });

  it('gives another person with the same preferred username a name of their own', async () => {
    provider.accounts.set('sub-other', {
      sub: 'sub-other',
      email: 'other@example.org',
      name: 'Other Lucia',
      preferred_username: 'lucia',
      groups: [],
    });
    const { agent } = await signIn('sub-other');
    const session = await agent.get('/api/session').expect(200);
    expect(session.body.user).toMatchObject({ username: 'lucia-2', role: 'viewer' });
  });

  it('refuses password sign-in for a user who has no password', async () => {
    const res = await request(app)
      .post('/api/session')
      .send({ username: 'lucia', password: 'anything at all' })
      .expect(401);
    expect(res.body.error.message).toMatch(/identity provider/);
    // The sign-in page shows this sentence (not "wrong password") because of the reason.
    expect(res.body.error.details).toEqual({ reason: 'external' });
  });

  it('refuses a disabled user', async () => {
    await ctx.users.update('lucia-2', { disabled: true });
    const { agent, location } = await signIn('sub-other');
    expect(location).toBe('/login?error=oidc_disabled');
    await agent.get('/api/session').expect(401);
  });

  it('refuses an email domain that is not allowed', async () => {
    provider.accounts.set('sub-out', {
      sub: 'sub-out',
      email: 'mallory@elsewhere.net',
      name: 'Mallory',
      preferred_username: 'mallory',
      groups: ['admins'],
    });
    const { location } = await signIn('sub-out');
    expect(location).toBe('/login?error=oidc_domain');
    expect(ctx.users.find('mallory')).toBeUndefined();
  });

  it('refuses a tampered state, and an answer without the pending sign-in', async () => {
    const tampered = await signIn('sub-lucia', (url) => url.searchParams.set('state', 'forged'));
    expect(tampered.location).toBe('/login?error=oidc_state');
    await tampered.agent.get('/api/session').expect(401);
    const stranger = await request(app)
      .get('/api/session/oidc/callback?code=abc&state=xyz')
      .expect(303);
    expect(stranger.headers.location).toBe('/login?error=oidc_state');
  });

  it('never puts a token, secret, code or cookie in an answer or a log line', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      for (const text of [...bodies, ...lines]) expect(text).not.toContain(secret);
    }
  });
});
