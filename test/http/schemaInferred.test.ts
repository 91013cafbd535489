// Inference written out (issue 18, point 3): an admin writes the schema Folio infers to folio.yml
// as one commit, which Folio then reads as the site's declared schema; refused once one exists.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { entryUrl } from '../support/siteFixture.ts';
import { openTeam, TEAM } from '../support/teamFixture.ts';

const SITE = {
  'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Site"\n',
  'content/posts/a.md':
    '---\ntitle: A\ndate: 2025-01-02T10:00:00Z\nfeatured: true\ntags: [Go, Rust]\n---\nA.\n',
  'content/posts/b.md': '---\ntitle: B\ndate: 2025-01-03\ntags: [Go]\ncover: b.jpg\n---\nB.\n',
  'content/about.md': '---\ntitle: About\nweight: 3\n---\nAbout.\n',
};

describe('writing the inferred schema to folio.yml', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('commits what Folio infers, reads it back as declared, and refuses a second time', async () => {
    const repo = makeFixtureRepo(SITE);
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const before = (await agents.admin.get('/api/collections').expect(200)).body.items;
    expect(before.every((c: { declared?: boolean }) => !c.declared)).toBe(true);

    // Only admins: editors may neither read nor write it.
    await agents.editor.get('/api/schema/inferred').expect(403);
    await agents.editor.post('/api/schema/inferred').send({}).expect(403);
    expect(commitCount(repo.dir)).toBe(1);

    const preview = (await agents.admin.get('/api/schema/inferred').expect(200)).body;
    expect(preview.path).toBe('folio.yml');
    const { body } = await agents.admin.post('/api/schema/inferred').send({}).expect(201);
    expect(body).toMatchObject({ id: 'folio.yml', changed: true });
    const commit = lastCommit(repo.dir);
    expect(commit).toMatchObject({
      subject: 'Write the inferred schema to folio.yml',
      author: TEAM.admin.name,
    });
    const text = `${fileAtHead(repo.dir, 'folio.yml')}\n`;
    expect(text).toBe(preview.text);
    const written = parse(text) as {
      collections: { name: string; folder: string; fields: unknown[] }[];
    };
    expect(written.collections.map((c) => [c.name, c.folder])).toEqual([
      ['posts', 'content/posts'],
      ['pages', 'content'],
    ]);
    const posts = written.collections[0]!;
    expect(posts.fields).toEqual([
      { name: 'title', kind: 'string' },
      { name: 'date', kind: 'datetime' },
      { name: 'tags', kind: 'tags', filter: true },
      { name: 'featured', kind: 'boolean', flag: true, filter: true },
      { name: 'cover', kind: 'image' },
      { name: 'draft', kind: 'boolean', flag: true, filter: true },
    ]);
    expectHealthyRepo(repo.dir);

    // Folio now reads it: no problems, the collections are declared with the same kinds.
    const schema = (await agents.admin.get('/api/schema').expect(200)).body;
    expect(schema).toMatchObject({ source: 'folio.yml', problems: [] });
    const after = (await agents.admin.get('/api/collections').expect(200)).body.items;
    const kinds = (items: { name: string; fields: { name: string; kind: string }[] }[]) =>
      items.map((c) => [c.name, c.fields.map((f) => `${f.name}:${f.kind}`)]);
    expect(kinds(after)).toEqual(kinds(before));
    expect(after.find((c: { name: string }) => c.name === 'posts')).toMatchObject({
      declared: true,
      label: 'Posts',
    });
    // ...and checks writes with it (tags must be a list), as for any declared schema.
    const entry = (await agents.editor.get(entryUrl('content/posts/a.md')).expect(200)).body;
    const refused = await agents.editor
      .put(entryUrl('content/posts/a.md'))
      .send({
        frontMatter: { ...entry.frontMatter, tags: [''] },
        body: entry.body,
        baseOid: entry.oid,
      })
      .expect(400);
    expect(refused.body.error.code).toBe('invalid');

    const again = await agents.admin.post('/api/schema/inferred').send({}).expect(409);
    expect(again.body.error.details).toMatchObject({ reason: 'exists', source: 'folio.yml' });
    expect(commitCount(repo.dir)).toBe(2);
    expectHealthyRepo(repo.dir);
  });

  it('does not write over a Decap config the site already has', async () => {
    const repo = makeFixtureRepo({
      ...SITE,
      'static/admin/config.yml':
        'collections:\n  - name: posts\n    folder: content/posts\n    fields: [{ name: title, widget: string }]\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const refused = await agents.admin.post('/api/schema/inferred').send({}).expect(409);
    expect(refused.body.error.message).toContain('static/admin/config.yml');
    expect(commitCount(repo.dir)).toBe(1);
  });
});
