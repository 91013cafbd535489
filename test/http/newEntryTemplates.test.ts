// New entries from declared path templates and field defaults, and from the keys a section's posts share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { openFolio } from '../support/siteFixture.ts';

const NOW = new Date('2026-03-04T05:06:07Z');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function open(files: FixtureFiles) {
  const repo = makeFixtureRepo(files);
  cleanups.push(repo.cleanup);
  return { dir: repo.dir, folio: await openFolio(repo.dir, { now: () => NOW }) };
}

const FOLIO_YML = `collections:
  - name: posts
    label: Blog posts
    folder: content/posts
    path: '{{year}}/{{month}}/{{slug}}'
    format: toml
    fields:
      - { name: title, kind: string, required: true }
      - { name: date, kind: datetime, required: true }
      - { name: draft, kind: boolean, default: true }
      - { name: layout, kind: string, default: wide }
      - { name: tags, kind: tags }
  - name: news
    folder: content/news
    slug: '{{year}}-{{month}}-{{day}}-{{fields.title}}'
    fields:
      - { name: title, kind: string }
`;

describe('new entries of declared collections', () => {
  it('go where the path template says, in the declared format, with the field defaults', async () => {
    const { dir, folio } = await open({
      'folio.yml': FOLIO_YML,
      'content/posts/old.md': '---\ntitle: Old\n---\n',
    });
    const preview = await folio.agent
      .get('/api/collections/posts/new')
      .query({ title: 'Olá Mundo', utcOffsetMinutes: 60 })
      .expect(200);
    expect(preview.body).toMatchObject({
      path: 'content/posts/2026/03/ola-mundo.md',
      format: 'toml',
      source: 'declared',
      frontMatter: {
        title: 'Olá Mundo',
        date: '2026-03-04T06:06:07+01:00',
        draft: true,
        layout: 'wide',
      },
    });
    expect(preview.body.frontMatter).not.toHaveProperty('tags');
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', title: 'Olá Mundo', utcOffsetMinutes: 60 })
      .expect(201);
    expect(created.body.id).toBe(preview.body.path);
    expect(readFileSync(join(dir, created.body.id), 'utf8')).toBe(
      '+++\ntitle = "Olá Mundo"\ndate = 2026-03-04T06:06:07+01:00\ndraft = true\nlayout = "wide"\n+++\n',
    );
    // Explicit front matter still goes to the templated path.
    const explicit = await folio.agent
      .post('/api/entries')
      .send({
        collection: 'posts',
        slug: 'own',
        frontMatter: { title: 'Own', date: '2026-01-01T00:00:00Z' },
        body: '',
      })
      .expect(201);
    expect(explicit.body.id).toBe('content/posts/2026/03/own.md');
    // The same path again is a conflict, not an overwrite.
    await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', title: 'Olá Mundo' })
      .expect(409);
    expectHealthyRepo(dir);
  });

  it('fill {{fields.title}} and the date in a slug template', async () => {
    const { folio } = await open({ 'folio.yml': FOLIO_YML });
    const preview = await folio.agent
      .get('/api/collections/news/new')
      .query({ title: 'Big Launch!', utcOffsetMinutes: 0 })
      .expect(200);
    expect(preview.body.path).toBe('content/news/2026-03-04-big-launch.md');
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'news', title: 'Big Launch!', utcOffsetMinutes: 0 })
      .expect(201);
    expect(created.body.id).toBe('content/news/2026-03-04-big-launch.md');
  });

  it('reports an unknown placeholder in a template instead of writing it into a path', async () => {
    const { dir, folio } = await open({
      'folio.yml': FOLIO_YML.replace("'{{year}}/{{month}}/{{slug}}'", "'{{weekday}}/{{slug}}'"),
    });
    const res = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', title: 'X' })
      .expect(400);
    expect(res.body.error.message).toMatch(/\{\{weekday\}\}.*\{\{slug\}\}/);
    expect(gitCli(dir, ['rev-list', '--count', 'HEAD'])).toBe('1');
  });
});

describe('new entries of a collection nothing declares and no archetype shapes', () => {
  const post = (i: number, extra: string) =>
    `---\ntitle: Post ${i}\ndate: 2025-01-0${i}T10:00:00Z\ntags: [a]\n${extra}toc: true\n---\nBody\n`;

  it('get the keys at least half of its posts have, empty, and no guessed booleans', async () => {
    const { dir, folio } = await open({
      'content/blog/p1.md': post(1, 'description: One\nfeatured: true\n'),
      'content/blog/p2.md': post(2, 'description: Two\n'),
      'content/blog/p3.md': post(3, 'subtitle: rare\n'),
      'content/blog/p4.md': post(4, 'description: Four\n'),
    });
    const preview = await folio.agent
      .get('/api/collections/blog/new')
      .query({ title: 'Fresh', utcOffsetMinutes: 0 })
      .expect(200);
    expect(preview.body.source).toBe('common');
    expect(preview.body.frontMatter).toEqual({
      title: 'Fresh',
      date: '2026-03-04T05:06:07Z',
      tags: [],
      description: '',
      draft: true,
    });
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'blog', title: 'Fresh', utcOffsetMinutes: 0 })
      .expect(201);
    expect(readFileSync(join(dir, created.body.id), 'utf8')).toBe(
      '---\ntitle: Fresh\ndate: 2026-03-04T05:06:07Z\ntags: []\ndescription: ""\ndraft: true\n---\n',
    );
    expectHealthyRepo(dir);
  });

  it('the site root collection is reachable as %2E', async () => {
    const { folio } = await open({ 'content/about.md': '---\ntitle: About\n---\n' });
    const res = await folio.agent
      .get('/api/collections/%2E/new')
      .query({ title: 'Contact' })
      .expect(200);
    expect(res.body.path).toBe('content/contact.md');
  });
});
