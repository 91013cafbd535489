// The site's declared schema on the server: GET /api/schema (admins), the collections' labels and
// declared fields, and every write checked against it (400 `invalid` with {path, message} for
// each problem, nothing committed); a value already in a file never blocks a save that leaves it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { entryUrl } from '../support/siteFixture.ts';
import { openTeam, snapshotState } from '../support/teamFixture.ts';

const FOLIO_YML = `# yaml-language-server: $schema=docs/folio.schema.json
collections:
  - name: posts
    label: Blog posts
    folder: content/posts
    fields:
      - { name: title, kind: string, label: Title, required: true, max: 60 }
      - { name: weight, kind: number, label: Weight, integer: true, min: 1, max: 10 }
      - name: slug
        kind: string
        pattern: '^[a-z0-9-]+$'
        message: lower-case letters, digits and dashes only
      - { name: tags, kind: tags, max: 3 }
  - name: events
    label: Events
    folder: content/events
    create: true
    fields:
      - { name: title, kind: string, required: true }
`;

const POST = 'content/posts/hello.md';

describe('the declared schema on the server', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function site(files: Record<string, string>) {
    const repo = makeFixtureRepo(files);
    cleanups.push(repo.cleanup);
    return { repo: repo.dir, ...(await openTeam(repo.dir)) };
  }

  it('answers GET /api/schema to admins only, with the source and the collections', async () => {
    const { agents } = await site({
      'folio.yml': FOLIO_YML,
      [POST]: '---\ntitle: Hello\n---\nHi.\n',
    });
    const { body } = await agents.admin.get('/api/schema').expect(200);
    expect(body.source).toBe('folio.yml');
    expect(body.problems).toEqual([]);
    expect(body.collections.map((c: { name: string }) => c.name)).toEqual(['posts', 'events']);
    const denied = await agents.editor.get('/api/schema').expect(403);
    expect(denied.body.error.code).toBe('forbidden');
    // The list shows the declared labels and fields, and a declared collection with no entry yet.
    const { body: list } = await agents.editor.get('/api/collections').expect(200);
    const posts = list.items.find((c: { name: string }) => c.name === 'posts');
    expect(posts).toMatchObject({ label: 'Blog posts', count: 1, declared: true });
    expect(posts.fields.map((f: { name: string }) => f.name)).toEqual([
      'title',
      'weight',
      'slug',
      'tags',
    ]);
    expect(list.items.find((c: { name: string }) => c.name === 'events')).toMatchObject({
      label: 'Events',
      count: 0,
    });
  });

  it('refuses a write that breaks the schema with every problem, and commits nothing', async () => {
    const { repo, ctx, agents } = await site({
      'folio.yml': FOLIO_YML,
      [POST]: '---\ntitle: Hello\n---\nHi.\n',
    });
    const before = snapshotState(repo, ctx);
    const { body: entry } = await agents.editor.get(entryUrl(POST)).expect(200);
    const res = await agents.editor.put(entryUrl(POST)).send({
      frontMatter: { title: 'Hello', weight: 20, slug: 'Not A Slug', tags: ['a', 'b', 'c', 'd'] },
      body: entry.body,
      baseOid: entry.oid,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.message).toMatch(
      /content\/posts\/hello\.md does not fit the fields of Blog posts/,
    );
    const paths = (res.body.error.details as { path: string; message: string }[]).map(
      (d) => d.path,
    );
    expect(paths.sort()).toEqual(['slug', 'tags', 'weight']);
    const slug = res.body.error.details.find((d: { path: string }) => d.path === 'slug');
    expect(slug.message).toMatch(/lower-case letters, digits and dashes only/);
    // PATCH (the list's switches) and a removed required key are checked the same way.
    const patch = await agents.editor.patch(entryUrl(POST)).send({ set: { weight: 0.5 } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details[0].path).toBe('weight');
    const unset = await agents.editor.patch(entryUrl(POST)).send({ unset: ['title'] });
    expect(unset.status).toBe(400);
    expect(unset.body.error.details[0]).toMatchObject({ path: 'title' });
    const created = await agents.editor
      .post('/api/entries')
      .send({ collection: 'posts', slug: 'new', frontMatter: { title: 'x'.repeat(61) }, body: '' });
    expect(created.status).toBe(400);
    expect(created.body.error.details[0]).toMatchObject({ path: 'title' });
    expect(snapshotState(repo, ctx)).toEqual(before);
    expectHealthyRepo(repo);
  });

  it('saves what fits, and never blocks a save over a value it leaves alone', async () => {
    const { repo, agents } = await site({
      'folio.yml': FOLIO_YML,
      [POST]: '---\ntitle: Hello\nweight: 99\n---\nHi.\n',
    });
    const { body: entry } = await agents.editor.get(entryUrl(POST)).expect(200);
    const saved = await agents.editor.put(entryUrl(POST)).send({
      frontMatter: { ...entry.frontMatter, tags: ['git'] },
      body: 'Edited.\n',
      baseOid: entry.oid,
    });
    expect(saved.status).toBe(200);
    expect(fileAtHead(repo, POST)).toBe(
      '---\ntitle: Hello\nweight: 99\ntags:\n  - git\n---\nEdited.',
    );
    await agents.editor
      .patch(entryUrl(POST))
      .send({ set: { weight: 3 } })
      .expect(200);
    expect(fileAtHead(repo, POST)).toContain('weight: 3\n');
    expectHealthyRepo(repo);
  });

  it('reads a Decap config when there is no folio.yml, and a broken folio.yml says where', async () => {
    const decap = readFileSync(
      new URL('../fixtures/decap/2i2c-config.yml', import.meta.url),
      'utf8',
    );
    const { agents } = await site({
      'static/admin/config.yml': decap,
      'content/post/hello/index.md': '---\ntitle: Hello\n---\nHi.\n',
    });
    const { body } = await agents.admin.get('/api/schema').expect(200);
    expect(body.source).toBe('static/admin/config.yml');
    expect(body.collections).toHaveLength(4);
    const { body: entry } = await agents.editor
      .get(entryUrl('content/post/hello/index.md'))
      .expect(200);
    const res = await agents.editor.put(entryUrl('content/post/hello/index.md')).send({
      frontMatter: { ...entry.frontMatter, featured: 'yes' },
      body: entry.body,
      baseOid: entry.oid,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'featured', message: expect.stringMatching(/Featured/) },
    ]);

    const broken = await site({
      'folio.yml':
        'collections:\n  - name: posts\n    folder: content/posts\n    fields:\n      - { name: title, kind: strnig }\n',
      [POST]: '---\ntitle: Hello\n---\nHi.\n',
    });
    const { body: problems } = await broken.agents.admin.get('/api/schema').expect(200);
    expect(problems.collections).toEqual([]);
    expect(problems.problems[0].path).toBe('collections.0.fields.0.kind');
    // Nothing declared: saves go through as before.
    const { body: hello } = await broken.agents.editor.get(entryUrl(POST)).expect(200);
    await broken.agents.editor
      .put(entryUrl(POST))
      .send({ frontMatter: { title: 5 }, body: hello.body, baseOid: hello.oid })
      .expect(200);
  });
});
