import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../../server/app.ts';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from '../../server/auth/loginThrottle.ts';
import { parseConfig } from '../../server/config.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { loginAgent, TEST_EDITOR, TEST_PASSWORD } from '../support/loginAgent.ts';
import { entryUrl, SITE_FIXTURE } from '../support/siteFixture.ts';

const BRUNO = { ...TEST_EDITOR, username: 'bruno', name: 'Bruno', email: 'bruno@example.com' };

describe('sign-in throttling', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let ctx: FolioContext;
  const servers: Server[] = [];

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    ctx = await openContext({ repo: repo.dir });
    await ctx.users.upsert(TEST_EDITOR, TEST_PASSWORD);
    await ctx.users.upsert(BRUNO, TEST_PASSWORD);
  });
  afterAll(() => {
    servers.forEach((s) => s.close());
    repo.cleanup();
  });

  // One listening server per app, so that hundreds of requests do not each start one.
  async function serve(options: AppOptions = {}) {
    const server = createServer(createApp(ctx, options)).listen(0, '127.0.0.1');
    servers.push(server);
    await once(server, 'listening');
    return request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const signIn = (
    client: Awaited<ReturnType<typeof serve>>,
    username: string,
    password: string,
    forwardedFor?: string,
  ) => {
    const req = client.post('/api/session');
    if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
    return req.send({ username, password });
  };

  it('ignores X-Forwarded-For unless --trust-proxy names the proxy', async () => {
    const client = await serve();
    for (let i = 0; i < 10; i++)
      await signIn(client, 'ana', `guess-${i}`, `198.51.100.${i}`).expect(401);
    const blocked = await signIn(client, 'ana', TEST_PASSWORD, '198.51.100.77').expect(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('believes X-Forwarded-For from a trusted proxy, per client address', async () => {
    const client = await serve({ trustProxy: ['loopback'] });
    for (let i = 0; i < 10; i++)
      await signIn(client, 'ana', `guess-${i}`, '203.0.113.5').expect(401);
    await signIn(client, 'ana', TEST_PASSWORD, '203.0.113.5').expect(429);
    await signIn(client, 'ana', TEST_PASSWORD, '203.0.113.6').expect(200);
  });

  it('does not lock another account out behind the same shared address', async () => {
    const client = await serve();
    for (let i = 0; i < 10; i++) await signIn(client, 'bruno', `guess-${i}`).expect(401);
    await signIn(client, 'bruno', TEST_PASSWORD).expect(429);
    // Ana, behind the same office NAT, still signs in at once; so does an unrelated account guess.
    await signIn(client, 'ana', TEST_PASSWORD).expect(200);
    await signIn(client, 'ana', 'one typo').expect(401);
  });

  it('limits failures per account across addresses too (a looser limit)', async () => {
    const client = await serve({ trustProxy: ['loopback'], loginLimits: { perAccount: 30 } });
    for (let i = 0; i < 30; i++)
      await signIn(client, 'bruno', `guess-${i}`, `192.0.2.${Math.floor(i / 10)}`).expect(401);
    const blocked = await signIn(client, 'bruno', TEST_PASSWORD, '192.0.2.99').expect(429);
    expect(blocked.body.error.message).toMatch(/this account/);
    await signIn(client, 'ana', TEST_PASSWORD, '192.0.2.99').expect(200);
  });

  it('limits failures per address across accounts too (a looser limit)', async () => {
    const client = await serve({ loginLimits: { perAddress: 20 } });
    for (let i = 0; i < 20; i++) await signIn(client, `nobody-${i}`, 'guess').expect(401);
    const blocked = await signIn(client, 'ana', TEST_PASSWORD).expect(429);
    expect(blocked.body.error.message).toMatch(/this address/);
  });

  it('answers a crowd of 300 failed sign-ins early with 429, and editors keep working', async () => {
    const client = await serve({ trustProxy: ['loopback'] });
    const editor = await loginAgent(createApp(ctx), ctx);
    const id = 'content/blog/alpha.md';
    const crowd = Array.from({ length: 300 }, (_, i) =>
      signIn(client, `crowd-${i}`, 'guess', `10.1.${i >> 8}.${i & 255}`).then((res) => res),
    );
    const { body } = await editor.get(entryUrl(id)).expect(200);
    await editor
      .put(entryUrl(id))
      .send({
        frontMatter: { ...body.frontMatter, title: 'During the crowd' },
        body: body.body,
        baseOid: body.oid,
      })
      .expect(200);
    const answers = await Promise.all(crowd);
    const limited = answers.filter((res) => res.status === 429);
    const checked = answers.filter((res) => res.status === 401);
    expect(limited.length + checked.length).toBe(300);
    // At most a few hashes run at once and a short queue waits: the rest is refused before hashing.
    expect(limited.length).toBeGreaterThan(200);
    for (const res of limited) {
      expect(res.body.error.code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});

describe('--trust-proxy', () => {
  it('trusts nothing by default and takes addresses, subnets and loopback/linklocal/uniquelocal', () => {
    expect(parseConfig([], {}).trustProxy).toEqual([]);
    expect(parseConfig(['--trust-proxy', 'loopback, 10.0.0.0/8,::1'], {}).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(parseConfig([], { FOLIO_TRUST_PROXY: '192.168.0.0/255.255.0.0' }).trustProxy).toEqual([
      '192.168.0.0/255.255.0.0',
    ]);
  });
  it.each(['true', '*', '1', 'proxy.lan', '10.0.0.0/33'])(
    'refuses %s, which would let clients choose their address',
    (value) => {
      expect(() => parseConfig(['--trust-proxy', value], {})).toThrow(/--trust-proxy/);
    },
  );
});

describe('LoginThrottle windows', () => {
  it('lets an account and address try again once the window has passed, and refunds successes', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(
      { ...DEFAULT_LOGIN_LIMITS, perAccountAddress: 2 },
      () => now,
    );
    const first = throttle.begin('Ana', '192.0.2.1');
    expect('refund' in first).toBe(true);
    if ('refund' in first) first.refund(); // a success: does not count
    expect('refund' in throttle.begin('ana', '192.0.2.1')).toBe(true);
    expect('refund' in throttle.begin('ana', '192.0.2.1')).toBe(true);
    // Account names are counted case-insensitively, so "ANA" is no new bucket.
    expect(throttle.begin('ANA', '192.0.2.1')).toEqual({
      scope: 'account_address',
      retryAfterSeconds: 900,
    });
    expect('refund' in throttle.begin('ana', '192.0.2.2')).toBe(true);
    now += DEFAULT_LOGIN_LIMITS.windowMs;
    expect('refund' in throttle.begin('ana', '192.0.2.1')).toBe(true);
  });
});
