// Hugo itself checks uploads: after Folio uploads into a bundle and into static/, a real `hugo`
// build publishes each image where the reference Folio inserted into the page points.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

const HUGO = process.env.HUGO_BIN ?? '/usr/bin/hugo';
const BUNDLE = 'content/posts/trip/index.md';
const SINGLE = 'content/posts/notes.md';

// The src of every <img> in a built page, resolved against the page's URL as a browser would.
function imageUrls(html: string, pageUrl: string): string[] {
  return [...html.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map(
    (m) => new URL(m[1]!.replace(/&amp;/g, '&'), pageUrl).pathname,
  );
}

describeWithTool(HUGO, 'Hugo publishes what Folio uploads', (hugo) => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const out = makeTempDir('folio-hugo-images-');

  beforeAll(async () => {
    repo = makeFixtureRepo({
      'hugo.toml':
        'baseURL = "https://example.org/sub/"\ntitle = "Images"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
      'layouts/_default/single.html': '<html><body><main>{{ .Content }}</main></body></html>\n',
      'layouts/_default/list.html': '<html><body>{{ .Title }}</body></html>\n',
      'layouts/index.html': '<html><body>home</body></html>\n',
      [BUNDLE]: '---\ntitle: Trip\n---\nA trip.\n',
      [SINGLE]: '---\ntitle: Notes\n---\nSome notes.\n',
    });
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    repo.cleanup();
    out.cleanup();
  });

  async function uploadAndReference(id: string, name: string, bytes: Buffer): Promise<string> {
    const up = await folio.agent
      .post('/api/media/uploads')
      .query({ name, entry: id })
      .set('Content-Type', 'application/octet-stream')
      .send(bytes)
      .expect(201);
    const entry = await folio.agent.get(entryUrl(id)).expect(200);
    await folio.agent
      .put(entryUrl(id))
      .send({
        frontMatter: entry.body.frontMatter,
        body: `${entry.body.body}\n![${name}](${up.body.reference})\n`,
        baseOid: entry.body.oid,
      })
      .expect(200);
    return up.body.reference as string;
  }

  it('finds the bundle image beside the page and the static image under the baseURL subpath', async () => {
    const { png, jpeg } = await makeImages();
    const bundleRef = await uploadAndReference(BUNDLE, 'Beach Day.png', png);
    const staticRef = await uploadAndReference(SINGLE, 'Desk.jpg', jpeg);
    expect(bundleRef).toBe('beach-day.png');
    expect(staticRef).toMatch(/^\/sub\/images\/uploads\/\d{4}\/desk\.jpg$/);
    expectHealthyRepo(repo.dir);

    const public_ = join(out.path, 'public');
    execFileSync(hugo, ['--source', repo.dir, '--destination', public_, '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const check = (page: string, pageUrl: string, expected: Buffer) => {
      const html = readFileSync(join(public_, page), 'utf8');
      const urls = imageUrls(html, pageUrl);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url.startsWith('/sub/')).toBe(true);
        const file = join(public_, decodeURIComponent(url.slice('/sub/'.length)));
        expect(existsSync(file), `${url} in ${page}`).toBe(true);
        expect(Buffer.compare(readFileSync(file), expected)).toBe(0);
      }
    };
    check('posts/trip/index.html', 'https://example.org/sub/posts/trip/', png);
    check('posts/notes/index.html', 'https://example.org/sub/posts/notes/', jpeg);
  });
});
