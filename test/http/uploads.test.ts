import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadResultSchema } from '../../shared/api/media.ts';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { HTML_PAGE, SCRIPTED_SVG, makeImages, polyglotPng } from '../support/imageFixtures.ts';
import { loginAgent, TEST_AUTHOR } from '../support/loginAgent.ts';
import { commitCount, expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';

const BUNDLE = 'content/posts/trip/index.md';
const SINGLE = 'content/posts/single.md';
const NOW = new Date('2026-03-04T10:00:00Z');

function blobAtHead(repo: string, path: string): Buffer {
  return execFileSync('git', ['cat-file', 'blob', `HEAD:${path}`], { cwd: repo });
}

describe('POST /api/media/uploads: images become commits by the editor', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let agent: Awaited<ReturnType<typeof loginAgent>>;
  let authorAgent: Awaited<ReturnType<typeof loginAgent>>;
  let images: Awaited<ReturnType<typeof makeImages>>;
  const upload = (name: string, bytes: Buffer, entry?: string, type = 'application/octet-stream') =>
    agent
      .post('/api/media/uploads')
      .query(entry ? { name, entry } : { name })
      .set('Content-Type', type)
      .send(bytes);

  beforeAll(async () => {
    images = await makeImages();
    repo = makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "Site"\n',
      [BUNDLE]: '---\ntitle: Trip\n---\nBody.\n',
      'content/posts/trip/cover.jpg': images.jpeg,
      [SINGLE]: '---\ntitle: Single\n---\nBody.\n',
      'content/posts/published.md': '---\ntitle: Published\ndraft: false\n---\n',
    });
    const ctx = await openContext({
      repo: repo.dir,
      now: () => NOW,
      media: { now: () => NOW, uploadLimit: 256 * 1024 },
    });
    const app = createApp(ctx);
    agent = await loginAgent(app, ctx);
    authorAgent = await loginAgent(app, ctx, TEST_AUTHOR);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('puts an image into the bundle of a bundle post, byte for byte, as one commit by the editor', async () => {
    const before = commitCount(repo.dir);
    const res = await upload('Praia à Tarde.PNG', images.png, BUNDLE).expect(201);
    const result = UploadResultSchema.parse(res.body);
    expect(result).toMatchObject({
      path: 'content/posts/trip/praia-a-tarde.png',
      reference: 'praia-a-tarde.png',
      type: 'image/png',
      width: 64,
      height: 48,
      size: images.png.length,
    });
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(result.commit).toBe(gitCli(repo.dir, ['rev-parse', 'HEAD']));
    expect(lastCommit(repo.dir)).toMatchObject({
      author: 'Ana Editor',
      email: 'ana@example.com',
      subject: 'Upload "praia-a-tarde.png" for "Trip"',
    });
    expect(Buffer.compare(blobAtHead(repo.dir, result.path), images.png)).toBe(0);
    expectHealthyRepo(repo.dir); // the working tree and the index followed
  });

  it('puts the image of a single-file post into static/images/uploads/<year>/ and answers the URL Hugo serves', async () => {
    const res = await upload('photo.jpeg', images.jpeg, SINGLE).expect(201);
    expect(res.body).toMatchObject({
      path: 'static/images/uploads/2026/photo.jpg',
      reference: '/blog/images/uploads/2026/photo.jpg',
      type: 'image/jpeg',
    });
    expect(Buffer.compare(blobAtHead(repo.dir, res.body.path), images.jpeg)).toBe(0);
    const webp = await upload('x.webp', images.webp).expect(201);
    expect(webp.body.path).toBe('static/images/uploads/2026/x.webp');
    expect(Buffer.compare(blobAtHead(repo.dir, webp.body.path), images.webp)).toBe(0);
    expectHealthyRepo(repo.dir);
  });

  it('adds -2, -3 when the name is taken (in any case), and takes the extension from the bytes', async () => {
    expect((await upload('cover.jpg', images.jpeg, BUNDLE).expect(201)).body.path).toBe(
      'content/posts/trip/cover-2.jpg',
    );
    expect((await upload('COVER.jpg', images.jpeg, BUNDLE).expect(201)).body.path).toBe(
      'content/posts/trip/cover-3.jpg',
    );
    // A PNG named .jpg is stored as what it is.
    expect((await upload('looks.jpg', images.png, BUNDLE).expect(201)).body.path).toBe(
      'content/posts/trip/looks.png',
    );
    expect((await upload('!!!.png', images.png, BUNDLE).expect(201)).body.path).toBe(
      'content/posts/trip/image.png',
    );
  });

  it('makes a safe name of traversal and .git names: the file lands in the chosen folder', async () => {
    for (const name of ['../../.git/config.png', '..\\..\\hooks\\x.png', '.git', '.GIT.png']) {
      const res = await upload(name, images.png, BUNDLE).expect(201);
      expect(res.body.path).toMatch(/^content\/posts\/trip\/[a-z0-9-]+\.png$/);
    }
    expect(existsSync(join(repo.dir, '.git/config.png'))).toBe(false);
    expect(readdirSync(join(repo.dir, '.git')).some((f) => f.endsWith('.png'))).toBe(false);
    expectHealthyRepo(repo.dir);
  });

  it('refuses an HTML page named .png, a polyglot, a scripted SVG and random bytes (415), writing nothing', async () => {
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    const page = await upload('page.png', HTML_PAGE, BUNDLE).expect(415);
    expect(page.body.error).toMatchObject({
      code: 'unsupported_media_type',
      details: { reason: 'not_an_image' },
    });
    expect(page.body.error.message).toContain('HTML page');
    const poly = await upload('poly.png', polyglotPng(images.png), BUNDLE).expect(415);
    expect(poly.body.error.details.reason).toBe('polyglot');
    const svg = await upload('evil.svg', SCRIPTED_SVG, BUNDLE).expect(415);
    expect(svg.body.error.details.reason).toBe('active_svg');
    await upload('noise.gif', Buffer.from('GIF89a not really'), BUNDLE).expect(415);
    await upload('empty.png', Buffer.alloc(0), BUNDLE).expect(415);
    await upload('page.png', images.png, BUNDLE, 'text/html').expect(415);
    expect(gitCli(repo.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expectHealthyRepo(repo.dir);
  });

  it('gives two uploads of one name at once two names and two commits, in one linear history', async () => {
    const before = commitCount(repo.dir);
    const [a, b] = await Promise.all([
      upload('twin.png', images.png, BUNDLE).expect(201),
      upload('twin.png', images.png, BUNDLE).expect(201),
    ]);
    expect([a.body.path, b.body.path].sort()).toEqual([
      'content/posts/trip/twin-2.png',
      'content/posts/trip/twin.png',
    ]);
    expect(commitCount(repo.dir)).toBe(before + 2);
    expect(gitCli(repo.dir, ['rev-list', '--merges', '--count', 'HEAD'])).toBe('0');
    expectHealthyRepo(repo.dir);
  });

  it('accepts a plain SVG', async () => {
    const res = await upload('drawing.svg', images.svg, SINGLE).expect(201);
    expect(res.body).toMatchObject({ type: 'image/svg+xml', width: 40, height: 30 });
  });

  it('answers 413 above the limit without writing anything', async () => {
    const head = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    const big = Buffer.concat([images.png, Buffer.alloc(300 * 1024)]);
    const res = await upload('big.png', big, BUNDLE).expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toContain('0.3 MB');
    expect(gitCli(repo.dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(existsSync(join(repo.dir, 'content/posts/trip/big.png'))).toBe(false);
    expectHealthyRepo(repo.dir);
  });

  it("needs the edit permission of the post: an author cannot upload into someone else's post", async () => {
    const res = await authorAgent
      .post('/api/media/uploads')
      .query({ name: 'x.png', entry: 'content/posts/published.md' })
      .set('Content-Type', 'image/png')
      .send(images.png)
      .expect(403);
    expect(res.body.error.code).toBe('forbidden');
    await agent
      .post('/api/media/uploads')
      .query({ name: 'x.png', entry: 'content/posts/nope.md' })
      .set('Content-Type', 'image/png')
      .send(images.png)
      .expect(404);
  });

  it('refuses a cross-site upload', async () => {
    await agent
      .post('/api/media/uploads')
      .query({ name: 'x.png' })
      .set('Content-Type', 'image/png')
      .set('Sec-Fetch-Site', 'cross-site')
      .send(images.png)
      .expect(403);
  });
});
