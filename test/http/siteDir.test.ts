// A Hugo site in a subfolder of the repository, and a site with no posts yet getting its first one.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectionListSchema } from '../../shared/api/contract.ts';
import { openContext } from '../../server/context.ts';
import { SiteDirError } from '../../server/site/siteDir.ts';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { makeImages } from '../support/imageFixtures.ts';
import { openFolio } from '../support/siteFixture.ts';

const HUGO = process.env.HUGO_BIN ?? '/usr/bin/hugo';
const hasHugo = existsSync(HUGO);

const SUBFOLDER_SITE: FixtureFiles = {
  'README.md': '# The project\n',
  'package.json': '{"name": "project"}\n',
  'website/hugo.toml': "baseURL = 'https://example.org/'\ntitle = 'Docs'\n",
  'website/content/posts/hello.md': '---\ntitle: Hello\ndate: 2026-01-02T10:00:00Z\n---\nHi.\n',
  'website/layouts/_default/single.html': '{{ .Title }}',
  'website/layouts/_default/list.html': '{{ .Title }}',
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repoOf(files: FixtureFiles): string {
  const repo = makeFixtureRepo(files);
  cleanups.push(repo.cleanup);
  return repo.dir;
}

async function collections(folio: Awaited<ReturnType<typeof openFolio>>) {
  const res = await folio.agent.get('/api/collections').expect(200);
  return CollectionListSchema.parse(res.body).items;
}

// Builds the site with Hugo (drafts included) and says whether the page of `url` was rendered.
function hugoBuilds(siteDir: string, url: string): boolean {
  const out = join(siteDir, '..', `public-${Math.random().toString(36).slice(2)}`);
  execFileSync(HUGO, ['--quiet', '-D', '-s', siteDir, '-d', out], { stdio: 'pipe' });
  return existsSync(join(out, url, 'index.html'));
}

describe('a site in a subfolder of the repository', () => {
  it('is found below the root when it is the only one, and its posts keep repository paths', async () => {
    const dir = repoOf(SUBFOLDER_SITE);
    const folio = await openFolio(dir);
    expect(folio.ctx.site).toEqual({ dir: 'website', how: 'detected' });
    const posts = (await collections(folio)).find((c) => c.name === 'posts')!;
    expect(posts.path).toBe('website/content/posts');
    expect(posts.newEntryPaths!['']).toBe('website/content/posts/{slug}.md');
    const list = await folio.agent.get('/api/entries').expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([
      'website/content/posts/hello.md',
    ]);
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', slug: 'second', frontMatter: { title: 'Second' }, body: 'x' })
      .expect(201);
    expect(created.body.id).toBe('website/content/posts/second.md');
    expectHealthyRepo(dir);
    expect(gitCli(dir, ['log', '-1', '--name-only', '--format='])).toBe(
      'website/content/posts/second.md',
    );
    expect(readFileSync(join(dir, 'website/content/posts/second.md'), 'utf8')).toContain(
      'title: Second',
    );
    if (hasHugo) expect(hugoBuilds(join(dir, 'website'), 'posts/second')).toBe(true);
  });

  it("puts uploads in the site's static folder and answers the URL Hugo serves them at", async () => {
    const dir = repoOf(SUBFOLDER_SITE);
    const folio = await openFolio(dir, { now: () => new Date('2026-05-01T10:00:00Z') });
    const images = await makeImages();
    const res = await folio.agent
      .post('/api/media/uploads')
      .query({ name: 'photo.png', entry: 'website/content/posts/hello.md' })
      .set('Content-Type', 'application/octet-stream')
      .send(images.png)
      .expect(201);
    expect(res.body.path).toMatch(/^website\/static\/images\/uploads\/\d{4}\/photo\.png$/);
    expect(res.body.reference).toMatch(/^\/images\/uploads\/\d{4}\/photo\.png$/);
    expectHealthyRepo(dir);
    if (hasHugo) {
      const out = join(dir, '..', 'public-media');
      execFileSync(HUGO, ['--quiet', '-s', join(dir, 'website'), '-d', out], { stdio: 'pipe' });
      expect(existsSync(join(out, res.body.reference))).toBe(true);
    }
  });

  it('is used where --site-dir says, written any usual way', async () => {
    const dir = repoOf({
      ...SUBFOLDER_SITE,
      // A second site below the root: detection alone would have to ask.
      'examples/demo/hugo.toml': "title = 'Demo'\n",
      'examples/demo/content/posts/demo.md': '---\ntitle: Demo\n---\n',
    });
    for (const given of ['website/', './website', 'website']) {
      const folio = await openFolio(dir, { siteDir: given });
      expect(folio.ctx.site).toEqual({ dir: 'website', how: 'given' });
      const list = await folio.agent.get('/api/entries').expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([
        'website/content/posts/hello.md',
      ]);
    }
  });

  it('asks for --site-dir when several sites are below the root, naming them', async () => {
    const dir = repoOf({
      ...SUBFOLDER_SITE,
      'examples/demo/hugo.toml': "title = 'Demo'\n",
    });
    const opening = openContext({ repo: dir });
    await expect(opening).rejects.toBeInstanceOf(SiteDirError);
    await expect(opening).rejects.toThrow(/examples\/demo\/, website\/.*--site-dir/);
  });

  it('refuses a --site-dir that is not a folder of the repository', async () => {
    const dir = repoOf(SUBFOLDER_SITE);
    await expect(openContext({ repo: dir, siteDir: 'site' })).rejects.toThrow(/no such folder/);
    await expect(openContext({ repo: dir, siteDir: '../elsewhere' })).rejects.toThrow(
      /Invalid --site-dir/,
    );
  });

  it('keeps the root when it holds a site, and ignores Decap config.yml files below it', async () => {
    const dir = repoOf({
      'content/posts/a.md': '---\ntitle: A\n---\n',
      'website/hugo.toml': "title = 'Other'\n",
    });
    expect((await openFolio(dir)).ctx.site).toEqual({ dir: '', how: 'root' });
    const decapOnly = repoOf({
      'README.md': 'x\n',
      'tools/admin/config.yml': 'backend: {name: git-gateway}\n',
    });
    expect((await openFolio(decapOnly)).ctx.site).toEqual({ dir: '', how: 'root' });
  });
});

describe('a site with no posts yet', () => {
  const EMPTY_SITE: FixtureFiles = {
    'hugo.toml':
      "baseURL = 'https://example.org/'\ntitle = 'Empty'\n[params]\nmainSections = ['notes']\n",
    'archetypes/default.md': "+++\ntitle = 'x'\n+++\n",
    'archetypes/posts.md': "+++\ntitle = 'x'\ndraft = true\n+++\n",
    'archetypes/bad name.md': '---\n---\n',
    'layouts/_default/single.html': '{{ .Title }}',
    'layouts/_default/list.html': '{{ .Title }}',
  };

  it('offers the sections its archetypes and mainSections name, and takes the first post there', async () => {
    const dir = repoOf(EMPTY_SITE);
    const folio = await openFolio(dir);
    const offered = await collections(folio);
    expect(offered.map((c) => [c.name, c.count, c.newEntryPaths?.['']])).toEqual([
      ['notes', 0, 'content/notes/{slug}.md'],
      ['posts', 0, 'content/posts/{slug}.md'],
    ]);
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', slug: 'first', frontMatter: { title: 'First' }, body: 'Hi' })
      .expect(201);
    expect(created.body.id).toBe('content/posts/first.md');
    expectHealthyRepo(dir);
    expect(lastCommit(dir).subject).toMatch(/First/);
    if (hasHugo) expect(hugoBuilds(dir, 'posts/first')).toBe(true);
  });

  it('takes a section the editor types, and refuses one that cannot be a folder', async () => {
    const dir = repoOf(EMPTY_SITE);
    const folio = await openFolio(dir);
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'journal', slug: 'day-one', frontMatter: { title: 'Day' }, body: '' })
      .expect(201);
    expect(created.body.id).toBe('content/journal/day-one.md');
    for (const bad of ['../outside', 'a/b', '.git']) {
      const res = await folio.agent
        .post('/api/entries')
        .send({ collection: bad, slug: 'x', frontMatter: { title: 'X' }, body: '' })
        .expect(400);
      expect(res.body.error.message).toMatch(/collection|folder|path/i);
    }
    expectHealthyRepo(dir);
    expect(gitCli(dir, ['rev-list', '--count', 'HEAD'])).toBe('2');
    if (hasHugo) expect(hugoBuilds(dir, 'journal/day-one')).toBe(true);
  });
});
