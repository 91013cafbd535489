// Decap's `files` collections: listed as their own collection, their declared files as its rows
// (a missing one created at its path with its defaults), each edited with its own fields, data
// files (YAML, TOML, JSON) edited in place; and Decap's `summary` and `view_filters` on the list.
import { afterEach, describe, expect, it } from 'vitest';
import { HUGO, MENU, filesSite as site } from '../support/filesSite.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { openTeam } from '../support/teamFixture.ts';

interface Row {
  id: string;
  title: string;
  file?: string;
  missing?: boolean;
  oid: string;
  can?: { edit: boolean; delete: boolean; move: boolean };
}

describe('files collections', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('lists a files collection with its declared files, and each file opens with its own fields', async () => {
    const repo = site();
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const items = (await agents.editor.get('/api/collections').expect(200)).body.items as {
      name: string;
      kind?: string;
      canCreate?: boolean;
      label?: string;
      files?: {
        name: string;
        path: string;
        exists: boolean;
        format: string;
        fields: { name: string }[];
      }[];
    }[];
    const pages = items.find((c) => c.name === 'pages');
    expect(pages).toMatchObject({
      kind: 'files',
      label: 'Pages',
      canCreate: false,
      declared: true,
    });
    expect(pages!.files!.map((f) => [f.name, f.path, f.exists, f.format])).toEqual([
      ['privacy', 'content/privacy.md', true, 'markdown'],
      ['terms', 'content/terms.md', false, 'markdown'],
    ]);
    expect(pages!.files![0]!.fields.map((f) => f.name)).toEqual([
      'title',
      'date',
      'subtitle',
      'summary',
      'draft',
    ]);
    const settings = items.find((c) => c.name === 'settings');
    expect(settings!.files!.map((f) => [f.path, f.exists, f.format])).toEqual([
      ['data/menu.yml', true, 'yaml'],
      ['hugo.toml', true, 'toml'],
      ['data/social.json', false, 'json'],
    ]);

    const rows = (await agents.editor.get('/api/entries?collection=pages').expect(200)).body
      .items as Row[];
    expect(rows.map((r) => [r.id, r.title, r.file, r.missing ?? false])).toEqual([
      ['content/privacy.md', 'Privacy', 'privacy', false],
      // No file yet: the row is the file's label, and it can be created, not edited.
      ['content/terms.md', 'Terms', 'terms', true],
    ]);
    expect(rows[0]!.can).toMatchObject({ edit: true, delete: false, move: false });
    const settingsRows = (await agents.editor.get('/api/entries?collection=settings').expect(200))
      .body.items as Row[];
    expect(settingsRows.map((r) => [r.title, r.missing ?? false])).toEqual([
      ['Main menu', false],
      ['Example', false], // hugo.toml has a title of its own
      ['Social links', true],
    ]);

    const privacy = (await agents.editor.get('/api/entries/content/privacy.md').expect(200)).body;
    expect(privacy).toMatchObject({ declaredFile: { collection: 'pages', name: 'privacy' } });
    const menu = (await agents.editor.get('/api/entries/data/menu.yml').expect(200)).body;
    expect(menu).toMatchObject({
      id: 'data/menu.yml',
      collection: 'settings',
      format: 'yaml',
      dataFile: true,
      body: '',
      frontMatter: { title: 'Main menu', main: [{ name: 'Home', url: '/' }] },
      declaredFile: { collection: 'settings', name: 'menu' },
    });
    const missing = await agents.editor.get('/api/entries/data/social.json').expect(404);
    expect(missing.body.error.details).toEqual({
      reason: 'missing_declared_file',
      collection: 'settings',
      file: 'social',
    });
    // A file that is no declared file and no page stays a 404 of its own.
    await agents.editor.get('/api/entries/data/other.yml').expect(404);
  });

  it('edits data files in place (comments and order kept) and validates them against their own fields', async () => {
    const repo = site();
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const before = commitCount(repo.dir);
    const hugo = (await agents.editor.get('/api/entries/hugo.toml').expect(200)).body;
    expect(hugo.frontMatter.params).toEqual({ description: 'An example', author: 'Me' });

    // The declared pattern holds on the server: nothing is written.
    const refused = await agents.editor
      .put('/api/entries/hugo.toml')
      .send({
        frontMatter: {
          ...hugo.frontMatter,
          params: { ...hugo.frontMatter.params, description: 'x'.repeat(41) },
        },
        body: '',
        baseOid: hugo.oid,
      })
      .expect(400);
    expect(refused.body.error.code).toBe('invalid');
    expect(refused.body.error.details).toEqual([
      { path: 'params.description', message: expect.stringContaining('At most 40 characters') },
    ]);
    // A data file has no body.
    const withBody = await agents.editor
      .put('/api/entries/hugo.toml')
      .send({ frontMatter: hugo.frontMatter, body: 'Text', baseOid: hugo.oid })
      .expect(400);
    expect(withBody.body.error.details).toMatchObject({ field: 'body' });
    expect(commitCount(repo.dir)).toBe(before);

    const saved = await agents.editor
      .put('/api/entries/hugo.toml')
      .send({
        frontMatter: {
          ...hugo.frontMatter,
          params: { ...hugo.frontMatter.params, description: 'A new one' },
        },
        body: '',
        baseOid: hugo.oid,
      })
      .expect(200);
    expect(saved.body.changed).toBe(true);
    expect(fileAtHead(repo.dir, 'hugo.toml')).toBe(
      HUGO.replace('"An example"', '"A new one"').trimEnd(),
    );
    expect(lastCommit(repo.dir).subject).toBe('Update "Example"');

    const menu = (await agents.editor.get('/api/entries/data/menu.yml').expect(200)).body;
    await agents.editor
      .patch('/api/entries/data/menu.yml')
      .send({
        set: { main: [...menu.frontMatter.main, { name: 'Blog', url: '/post/' }] },
        baseOid: menu.oid,
      })
      .expect(200);
    expect(fileAtHead(repo.dir, 'data/menu.yml')).toBe(`${MENU}  - name: Blog\n    url: /post/`);

    // Declared files stay where they are declared.
    const current = (await agents.editor.get('/api/entries/data/menu.yml').expect(200)).body;
    const deleted = await agents.admin
      .delete(`/api/entries/data/menu.yml?baseOid=${current.oid}`)
      .expect(403);
    expect(deleted.body.error.details.reason).toBe('declared_file');
    await agents.admin
      .post('/api/entries/content/privacy.md/move')
      .send({
        to: 'content/legal.md',
        baseOid: (await agents.editor.get('/api/entries/content/privacy.md')).body.oid,
      })
      .expect(403);
    const history = (await agents.editor.get('/api/entries/data/menu.yml/history').expect(200))
      .body;
    expect(history.items).toHaveLength(2);
    expectHealthyRepo(repo.dir);
  });

  it('creates a missing declared file at its path with its defaults, once', async () => {
    const repo = site();
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const created = await agents.editor
      .post('/api/entries')
      .send({ collection: 'settings', file: 'social' })
      .expect(201);
    expect(created.body).toMatchObject({ id: 'data/social.json', changed: true });
    expect(fileAtHead(repo.dir, 'data/social.json')).toBe('{\n  "twitter": "@site"\n}');
    expect(lastCommit(repo.dir).subject).toBe('Create "Social links"');
    await agents.editor
      .post('/api/entries')
      .send({ collection: 'settings', file: 'social' })
      .expect(409);
    const terms = await agents.editor
      .post('/api/entries')
      .send({ collection: 'pages', file: 'terms' })
      .expect(201);
    // Only draft has a default there; the form asks for the rest.
    expect(fileAtHead(repo.dir, terms.body.id)).toBe('---\ndraft: false\n---');
    await agents.editor
      .post('/api/entries')
      .send({ collection: 'pages', file: 'nope' })
      .expect(400);
    // New entries of other kinds are still refused in a files collection.
    await agents.editor.post('/api/entries').send({ collection: 'pages', title: 'X' }).expect(403);
    await agents.viewer
      .post('/api/entries')
      .send({ collection: 'settings', file: 'social' })
      .expect(403);
    expectHealthyRepo(repo.dir);
    expect(gitCli(repo.dir, ['log', '--format=%s', '-2'])).toBe(
      'Create "Terms"\nCreate "Social links"',
    );
  });
});

describe("Decap's summary and view_filters", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('titles the rows with the summary and filters with the presets; reports what it cannot map', async () => {
    const repo = site();
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const posts = (await agents.editor.get('/api/collections').expect(200)).body.items.find(
      (c: { name: string }) => c.name === 'post',
    );
    expect(posts.summary).toBe('{{title}} – {{year}}-{{month}}');
    expect(posts.viewFilters).toEqual([
      {
        id: 'alice-s-and-bob-s-posts',
        label: "Alice's and Bob's posts",
        field: 'author',
        pattern: 'Alice|Bob',
      },
      {
        id: 'posts-published-in-2020',
        label: 'Posts published in 2020',
        field: 'date',
        pattern: '2020',
      },
      { id: 'drafts', label: 'Drafts', field: 'draft', pattern: true },
    ]);
    const titles = async (query: string) =>
      (
        (await agents.editor.get(`/api/entries?collection=post${query}`).expect(200)).body
          .items as Row[]
      )
        .map((r) => r.title)
        .sort();
    expect(await titles('')).toEqual(['Hello – 2020-04', 'Later – 2021-01']);
    expect(await titles('&view=alice-s-and-bob-s-posts')).toEqual(['Hello – 2020-04']);
    expect(await titles('&view=posts-published-in-2020')).toEqual(['Hello – 2020-04']);
    expect(await titles('&view=drafts')).toEqual(['Later – 2021-01']);
    const unknown = await agents.editor.get('/api/entries?collection=post&view=nope').expect(400);
    expect(unknown.body.error.message).toContain('it has alice-s-and-bob-s-posts');
    await agents.editor.get('/api/entries?view=drafts').expect(400);

    const schema = (await agents.admin.get('/api/schema').expect(200)).body;
    expect(schema.problems).toContainEqual({
      path: 'collections.1 (posts).view_filters.3',
      message:
        '"By city" filters on place.city, a nested key: the list filters on top-level keys only; left out.',
    });
  });
});
