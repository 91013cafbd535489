import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { HTML_PAGE, SCRIPTED_SVG, makeImages } from '../support/imageFixtures.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { openFolio } from '../support/siteFixture.ts';

const ENTRY = 'content/posts/trip/index.md';
const SINGLE = 'content/posts/single.md';

describe('GET /api/images: the preview sees the site images as Hugo resolves them', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  let images: Awaited<ReturnType<typeof makeImages>>;
  const image = (entry: string, src: string) =>
    folio.agent.get('/api/images').query({ entry, src }).buffer(true).parse(binary);

  beforeAll(async () => {
    images = await makeImages();
    repo = makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "Site"\n',
      [ENTRY]: '---\ntitle: Trip\ncover:\n  image: cover.jpg\n---\n![beach](cover.jpg)\n',
      'content/posts/trip/cover.jpg': images.jpeg,
      'content/posts/trip/gallery/one.webp': images.webp,
      [SINGLE]: '---\ntitle: Single\n---\n![logo](/images/logo.png)\n',
      'static/images/logo.png': images.png,
      'static/images/anim.gif': images.gif,
      'static/images/photo.avif': images.avif,
      'static/images/drawing.svg': images.svg,
      'static/images/evil.svg': SCRIPTED_SVG,
      'static/images/page.png': HTML_PAGE,
      'static/posts/single/beside.png': images.png,
      'assets/images/hero.webp': images.webp,
      'secret.png': images.png,
    });
    // A symlink committed into static/ that points outside the repository.
    symlinkSync('/etc/hostname', join(repo.dir, 'static/images/link.png'));
    gitCli(repo.dir, ['add', '-A']);
    gitCli(repo.dir, ['commit', '-q', '-m', 'A symlink']);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('serves a bundle-relative image with its sniffed type, nosniff and a sandboxing CSP', async () => {
    const res = await image(ENTRY, 'cover.jpg').expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(res.body as Buffer, images.jpeg)).toBe(0);
    await image(ENTRY, './gallery/one.webp').expect('content-type', 'image/webp').expect(200);
  });

  it('answers 304 to a revalidation with the blob id as ETag', async () => {
    const first = await image(ENTRY, 'cover.jpg').expect(200);
    const oid = gitCli(repo.dir, ['rev-parse', 'HEAD:content/posts/trip/cover.jpg']);
    expect(first.headers.etag).toBe(`"${oid}"`);
    await folio.agent
      .get('/api/images')
      .query({ entry: ENTRY, src: 'cover.jpg' })
      .set('If-None-Match', `"${oid}"`)
      .expect(304);
  });

  it('resolves site paths from static/ and assets/, with or without the baseURL subpath', async () => {
    for (const src of ['/images/logo.png', '/blog/images/logo.png', '/images/logo.png?v=2#x'])
      expect((await image(SINGLE, src).expect(200)).headers['content-type']).toBe('image/png');
    await image(SINGLE, '/images/hero.webp').expect('content-type', 'image/webp').expect(200);
    await image(SINGLE, '/images/anim.gif').expect('content-type', 'image/gif').expect(200);
    await image(SINGLE, '/images/photo.avif').expect('content-type', 'image/avif').expect(200);
    // Relative to a single page's URL (/posts/single/), as a browser resolves it on the built site.
    await image(SINGLE, 'beside.png').expect(200);
    await image(ENTRY, '../single/beside.png').expect(200);
  });

  it('serves an SVG with a script inert: its own type, CSP sandbox and no script source', async () => {
    const res = await image(SINGLE, '/images/evil.svg').expect(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });

  it('refuses what is not an image even under an image name, and names nothing outside the site', async () => {
    await image(SINGLE, '/images/page.png').expect(404);
    await image(SINGLE, '/images/missing.png').expect(404);
    await image(SINGLE, '/images/link.png').expect(404); // a symlink is never followed
    await image(SINGLE, '/secret.png').expect(404); // the repository root is not a static folder
    await image(SINGLE, '/../secret.png').expect(404);
    await image(SINGLE, '/images/%2e%2e/%2e%2e/secret.png').expect(404);
    await image(SINGLE, '../../../../secret.png').expect(404);
    await image(SINGLE, '/.git/config').expect(404);
    await image(SINGLE, '/.GIT/index.png').expect(404);
    await image(SINGLE, 'https://example.org/images/logo.png').expect(404);
    await image(SINGLE, '//example.org/images/logo.png').expect(404);
    await image('content/../hugo.toml', 'x.png').expect(400);
    await image('content/posts/nope.md', 'cover.jpg').expect(404);
  });

  it('serves library files by path only inside the media folders', async () => {
    const ok = await folio.agent
      .get('/api/media/file/static/images/logo.png')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(ok.body as Buffer, images.png)).toBe(0);
    await folio.agent.get('/api/media/file/secret.png').expect(404);
    await folio.agent.get('/api/media/file/static/images/link.png').expect(404);
    await folio.agent.get('/api/media/file/static/%2e%2e/secret.png').expect((res) => {
      expect([400, 404]).toContain(res.status);
    });
    await folio.agent.get('/api/media/file/.git/config').expect((res) => {
      expect([400, 404]).toContain(res.status);
    });
  });

  it('needs a session', async () => {
    await folio.anonymous.get('/api/images').query({ entry: ENTRY, src: 'cover.jpg' }).expect(401);
    await folio.anonymous.get('/api/media/file/static/images/logo.png').expect(401);
  });
});

// supertest's parser for raw bytes (its default keeps only text).
function binary(res: Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
