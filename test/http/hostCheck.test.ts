import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { makeSampleRepo } from '../support/tempRepo.ts';
import { loginAgent, TEST_EDITOR, TEST_PASSWORD } from '../support/loginAgent.ts';

describe('Host header check (DNS rebinding)', () => {
  let repo: ReturnType<typeof makeSampleRepo>;
  let ctx: FolioContext;

  beforeAll(async () => {
    repo = makeSampleRepo();
    ctx = await openContext({ repo: repo.dir });
    await ctx.users.upsert(TEST_EDITOR, TEST_PASSWORD);
  });
  afterAll(() => repo.cleanup());

  it.each([
    ['GET', '/api/health'],
    ['GET', '/'],
    ['POST', '/api/session'],
  ])(
    'answers %s %s naming a foreign host with 421, in plain text naming nothing',
    async (method, path) => {
      const app = createApp(ctx);
      const agent = request(app);
      const res = await (method === 'GET' ? agent.get(path) : agent.post(path))
        .set('Host', 'rebind.attacker.example')
        .send(method === 'POST' ? { username: 'ana', password: TEST_PASSWORD } : undefined);
      expect(res.status).toBe(421);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/host name/);
      expect(res.text).not.toContain(repo.dir);
      expect(res.headers['set-cookie']).toBeUndefined();
    },
  );

  it('answers loopback names, IP addresses and localhost subdomains by default', async () => {
    const app = createApp(ctx);
    for (const host of [
      'localhost:4000',
      'LOCALHOST',
      'localhost.',
      'folio.localhost:4000',
      '127.0.0.1:4000',
      '[::1]:4000',
      '192.168.1.20:4000',
    ]) {
      const res = await request(app).get('/api/health').set('Host', host);
      expect([host, res.status]).toEqual([host, 200]);
    }
    for (const host of ['folio.lan', 'localhost.attacker.example', '127.0.0.1.nip.io']) {
      const res = await request(app).get('/api/health').set('Host', host);
      expect([host, res.status]).toEqual([host, 421]);
    }
  });

  it('answers the configured names (--public-url, --allowed-hosts, --host), in any case and port', async () => {
    const config = parseConfig(
      [
        '--public-url',
        'https://CMS.example.org/',
        '--allowed-hosts',
        'folio.lan, intranet',
        '--host',
        'box.lan',
      ],
      {},
    );
    expect(config.allowedHosts.sort()).toEqual([
      'box.lan',
      'cms.example.org',
      'folio.lan',
      'intranet',
    ]);
    expect(config.publicUrl).toBe('https://cms.example.org');
    const app = createApp(ctx, { allowedHosts: config.allowedHosts, publicUrl: config.publicUrl });
    for (const host of ['cms.example.org', 'Folio.LAN:8080', 'intranet', 'box.lan:4000'])
      await request(app).get('/api/health').set('Host', host).expect(200);
    await request(app).get('/api/health').set('Host', 'other.example.org').expect(421);
  });

  it('takes the names from the environment too, and adds no name for 0.0.0.0', () => {
    const config = parseConfig(['--host', '0.0.0.0'], {
      FOLIO_PUBLIC_URL: 'http://folio.example:8080',
      FOLIO_ALLOWED_HOSTS: 'a.example',
    });
    expect(config.allowedHosts.sort()).toEqual(['a.example', 'folio.example']);
    expect(parseConfig(['--host', '0.0.0.0'], {}).allowedHosts).toEqual([]);
    expect(() => parseConfig(['--public-url', 'cms.example.org'], {})).toThrow(/--public-url/);
    expect(() => parseConfig(['--public-url', 'ftp://cms.example.org'], {})).toThrow(/http/);
  });

  it('believes X-Forwarded-Host only from a trusted proxy', async () => {
    const open = createApp(ctx);
    await request(open)
      .get('/api/health')
      .set('Host', 'localhost')
      .set('X-Forwarded-Host', 'rebind.attacker.example')
      .expect(200);
    await request(open)
      .get('/api/health')
      .set('Host', 'rebind.attacker.example')
      .set('X-Forwarded-Host', 'localhost')
      .expect(421);
    const proxied = createApp(ctx, { trustProxy: ['loopback'], allowedHosts: ['cms.example.org'] });
    await request(proxied)
      .get('/api/health')
      .set('Host', '127.0.0.1:4000')
      .set('X-Forwarded-Host', 'rebind.attacker.example')
      .expect(421);
    await request(proxied)
      .get('/api/health')
      .set('Host', '127.0.0.1:4000')
      .set('X-Forwarded-Host', 'cms.example.org')
      .expect(200);
  });

  it('accepts saves whose Origin is the public URL when a proxy passes another Host on', async () => {
    const app = createApp(ctx, { publicUrl: 'https://cms.example.org' });
    const agent = await loginAgent(app, ctx);
    await agent
      .delete('/api/session')
      .set('Host', '127.0.0.1:4000')
      .set('Origin', 'https://cms.example.org')
      .expect(204);
    const other = await loginAgent(app, ctx);
    await other
      .delete('/api/session')
      .set('Host', '127.0.0.1:4000')
      .set('Origin', 'https://evil.example')
      .expect(403);
  });
});
