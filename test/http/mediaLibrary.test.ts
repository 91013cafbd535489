import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaListSchema } from '../../shared/api/media.ts';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { openFolio } from '../support/siteFixture.ts';

describe('GET /api/media: the library of every image in the site', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  let images: Awaited<ReturnType<typeof makeImages>>;
  const list = async (query: Record<string, string | number> = {}) =>
    MediaListSchema.parse((await folio.agent.get('/api/media').query(query).expect(200)).body);

  beforeAll(async () => {
    images = await makeImages();
    repo = makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/blog/"\n',
      'content/posts/trip/index.md':
        '---\ntitle: Trip\ncover:\n  image: cover.jpg\n---\n![x](gallery/Praia.webp)\n',
      'content/posts/trip/cover.jpg': images.jpeg,
      'content/posts/trip/gallery/Praia.webp': images.webp,
      'content/posts/notes.md':
        '---\ntitle: Notes\nimages: ["/images/logo.png"]\n---\n<img src="/blog/images/anim.gif">\n',
      'content/posts/other.md': '---\ntitle: Other\n---\nNo images; logo.png is only a word.\n',
      'static/images/logo.png': images.png,
      'static/images/anim.gif': images.gif,
      'static/images/photo.avif': images.avif,
      'static/images/drawing.svg': images.svg,
      'static/robots.txt': 'User-agent: *\n',
      'assets/images/hero.webp': images.webp,
      'elsewhere/not-media.png': images.png,
    });
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('lists the images of static/, assets/ and bundles (nothing else), with the URL Hugo serves', async () => {
    const page = await list();
    expect(page.items.map((i) => i.path)).toEqual([
      'assets/images/hero.webp',
      'content/posts/trip/cover.jpg',
      'content/posts/trip/gallery/Praia.webp',
      'static/images/anim.gif',
      'static/images/drawing.svg',
      'static/images/logo.png',
      'static/images/photo.avif',
    ]);
    expect(page.total).toBe(7);
    const byPath = new Map(page.items.map((i) => [i.path, i]));
    expect(byPath.get('static/images/logo.png')).toMatchObject({
      area: 'static',
      url: '/blog/images/logo.png',
      folder: 'static/images',
      name: 'logo.png',
    });
    expect(byPath.get('content/posts/trip/cover.jpg')).toMatchObject({
      area: 'bundle',
      url: '/blog/posts/trip/cover.jpg',
    });
    expect(byPath.get('assets/images/hero.webp')).toMatchObject({
      area: 'assets',
      url: null,
      reference: 'images/hero.webp', // what resources.Get takes
    });
    // For the open entry, its own bundle's images are referenced by name, others by site path.
    const forTrip = await list({ entry: 'content/posts/trip/index.md' });
    const refs = new Map(forTrip.items.map((i) => [i.path, i.reference]));
    expect(refs.get('content/posts/trip/cover.jpg')).toBe('cover.jpg');
    expect(refs.get('content/posts/trip/gallery/Praia.webp')).toBe('gallery/Praia.webp');
    expect(refs.get('static/images/logo.png')).toBe('/blog/images/logo.png');
    const forNotes = await list({ entry: 'content/posts/notes.md' });
    expect(forNotes.items.find((i) => i.name === 'cover.jpg')?.reference).toBe(
      '/blog/posts/trip/cover.jpg',
    );
    expect(page.folders).toEqual(
      expect.arrayContaining(['static', 'static/images', 'content/posts']),
    );
  });

  it('searches by name (case and accents ignored), filters by folder and pages with a cursor', async () => {
    expect((await list({ q: 'PRAIA' })).items.map((i) => i.name)).toEqual(['Praia.webp']);
    expect((await list({ q: 'webp' })).total).toBe(2);
    expect((await list({ folder: 'static/images' })).total).toBe(4);
    expect((await list({ folder: 'content' })).total).toBe(2);
    const first = await list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await list({ limit: 3, cursor: first.nextCursor! });
    const third = await list({ limit: 3, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((i) => i.path)).toEqual(
      (await list()).items.map((i) => i.path),
    );
    await folio.agent.get('/api/media').query({ cursor: 'x' }).expect(400);
  });

  it('follows commits made outside Folio (added and removed images)', async () => {
    commitOutside(repo.dir, { 'static/images/new-one.png': images.png }, 'Add an image');
    expect((await list({ q: 'new-one' })).total).toBe(1);
    commitOutside(repo.dir, { 'static/images/new-one.png': images.jpeg }, 'Replace it');
    const replaced = (await list({ q: 'new-one' })).items[0]!;
    expect(replaced.oid).not.toBe((await list({ q: 'logo' })).items[0]!.oid);
  });

  it('tells size, dimensions and which entries use an image (body, HTML, front matter at any depth)', async () => {
    const logo = await folio.agent.get('/api/media/detail/static/images/logo.png').expect(200);
    expect(logo.body).toMatchObject({
      type: 'image/png',
      size: images.png.length,
      width: 64,
      height: 48,
      usedBy: ['content/posts/notes.md'],
    });
    const gif = await folio.agent.get('/api/media/detail/static/images/anim.gif').expect(200);
    expect(gif.body.usedBy).toEqual(['content/posts/notes.md']);
    const cover = await folio.agent
      .get('/api/media/detail/content/posts/trip/cover.jpg')
      .expect(200);
    expect(cover.body.usedBy).toEqual(['content/posts/trip/index.md']);
    const praia = await folio.agent
      .get('/api/media/detail/content/posts/trip/gallery/Praia.webp')
      .expect(200);
    expect(praia.body.usedBy).toEqual(['content/posts/trip/index.md']);
    const unused = await folio.agent.get('/api/media/detail/static/images/photo.avif').expect(200);
    expect(unused.body.usedBy).toEqual([]);
  });

  it('makes a WebP thumbnail of every supported type, cached under .git/folio, never in the working tree', async () => {
    for (const path of [
      'static/images/logo.png',
      'content/posts/trip/cover.jpg',
      'static/images/anim.gif',
      'assets/images/hero.webp',
      'static/images/photo.avif',
      'static/images/drawing.svg',
    ]) {
      const res = await folio.agent
        .get(`/api/media/thumbnail/${path}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type'], path).toBe('image/webp');
      const meta = await sharp(res.body as Buffer).metadata();
      expect(meta.format, path).toBe('webp');
      expect(meta.width, path).toBeGreaterThan(0);
      expect(meta.width!, path).toBeLessThanOrEqual(320);
    }
    const cache = join(repo.dir, '.git/folio/thumbnails');
    expect(
      readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith('.webp')),
    ).toHaveLength(6);
    expect(existsSync(join(repo.dir, 'thumbnails'))).toBe(false);
    expectHealthyRepo(repo.dir); // git status: nothing new in the working tree
    await folio.agent.get('/api/media/thumbnail/elsewhere/not-media.png').expect(404);
  });
});
