import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryListSchema, EntrySchema, CollectionListSchema } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

describe('reading entries and collections', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('health names the head commit to a signed-in editor', async () => {
    const res = await folio.agent.get('/api/health').expect(200);
    expect(res.body).toEqual({
      ok: true,
      head: gitCli(repo.dir, ['rev-parse', 'HEAD']),
      historyIndex: {
        ready: expect.any(Boolean),
        indexed: expect.any(Number),
        total: expect.any(Number),
      },
    });
  });

  it('lists every Markdown entry under contentDir, newest first, with blob ids', async () => {
    const res = await folio.agent.get('/api/entries').expect(200);
    const list = EntryListSchema.parse(res.body);
    expect(list.total).toBe(9);
    expect(list.items.slice(0, 4).map((e) => e.id)).toEqual([
      'content/blog/alpha.md',
      'content/blog/beta.md',
      'content/blog/gamma.en.md',
      'content/blog/bundle/index.md',
    ]);
    const alpha = list.items[0]!;
    expect(alpha).toMatchObject({
      collection: 'blog',
      title: 'Alpha: Combinação Perfeita',
      date: '2025-01-10T10:00:00-03:00',
      flags: ['featured'],
      draft: false,
      tags: ['Go', 'Rust'],
      categories: ['news'],
      authors: ['Ana'],
      lang: 'pt',
    });
    expect(alpha.oid).toBe(gitCli(repo.dir, ['rev-parse', 'HEAD:content/blog/alpha.md']));
    const byId = new Map(list.items.map((e) => [e.id, e]));
    expect(byId.get('content/blog/gamma.en.md')).toMatchObject({ lang: 'en', flags: ['pinned'] });
    expect(byId.get('content/about.md')).toMatchObject({ collection: '.' });
    expect(byId.get('content/blog/bundle/index.md')).toMatchObject({
      collection: 'blog',
      title: 'Bundle',
    });
    expect(byId.get('content/blog/broken.md')?.error).toMatch(/./);
  });

  it('filters by flags, taxonomy terms (any case), collection and language', async () => {
    const ids = async (query: string) =>
      (await folio.agent.get(`/api/entries?${query}`).expect(200)).body.items.map(
        (e: { id: string }) => e.id,
      );
    expect(await ids('flag=featured')).toEqual(['content/blog/alpha.md']);
    expect(await ids('flag=featured&flag=pinned')).toEqual([]);
    expect(await ids('flag=!featured,pinned')).toEqual(['content/blog/gamma.en.md']);
    await folio.agent.get('/api/entries?flag=a,,b').expect(400);
    expect(await ids('draft=true')).toEqual(['content/blog/beta.md']);
    expect(await ids('tag=rust&sort=title')).toEqual([
      'content/blog/alpha.md',
      'content/blog/beta.md',
    ]);
    expect(await ids('tag=go&flag=!featured')).toEqual(['content/blog/gamma.en.md']);
    expect(await ids('category=releases')).toEqual(['content/blog/beta.md']);
    expect(await ids('author=ana')).toEqual(['content/blog/alpha.md']);
    expect(await ids('collection=docs&sort=title')).toEqual([
      'content/docs/_index.md',
      'content/docs/intro.md',
    ]);
    expect(await ids('lang=en')).toEqual(['content/blog/gamma.en.md']);
  });

  it('searches title and body, ignoring case and accents', async () => {
    const ids = async (q: string) =>
      (await folio.agent.get('/api/entries').query({ q }).expect(200)).body.items.map(
        (e: { id: string }) => e.id,
      );
    expect(await ids('combinacao')).toEqual(['content/blog/alpha.md']);
    expect(await ids('KUBERNETES')).toEqual(['content/blog/alpha.md']);
    expect(await ids('english gamma')).toEqual(['content/blog/gamma.en.md']);
    expect(await ids('nothing-like-this')).toEqual([]);
  });

  it('pages with an opaque cursor until every entry was seen once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } =
        await folio.agent
          .get('/api/entries')
          .query({ limit: 3, sort: 'title', ...(cursor ? { cursor } : {}) })
          .expect(200);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });

  it('answers 400 for bad list queries and 401 without a session', async () => {
    expect((await folio.agent.get('/api/entries?limit=0').expect(400)).body.error.code).toBe(
      'validation_failed',
    );
    await folio.agent.get('/api/entries?sort=random').expect(400);
    await folio.agent.get('/api/entries?draft=maybe').expect(400);
    await folio.agent.get('/api/entries?cursor=not-a-cursor').expect(400);
    const other = (await folio.agent.get('/api/entries?limit=1&sort=title').expect(200)).body
      .nextCursor;
    await folio.agent.get('/api/entries').query({ cursor: other }).expect(400); // made for another sort
    expect((await folio.anonymous.get('/api/entries').expect(401)).body.error.code).toBe(
      'unauthenticated',
    );
  });

  it('gets one entry with front matter, body, blob id and head', async () => {
    const res = await folio.agent.get(entryUrl('content/blog/beta.md')).expect(200);
    const entry = EntrySchema.parse(res.body);
    expect(entry).toMatchObject({
      id: 'content/blog/beta.md',
      collection: 'blog',
      format: 'toml',
      frontMatter: { title: 'Beta', draft: true, tags: ['Rust'] },
      body: '\nBeta body.\n',
      head: gitCli(repo.dir, ['rev-parse', 'HEAD']),
      oid: gitCli(repo.dir, ['rev-parse', 'HEAD:content/blog/beta.md']),
    });
    expect(entry.raw).toBeUndefined();
  });

  it('accepts ids with plain slashes too', async () => {
    const res = await folio.agent.get('/api/entries/content/blog/gamma.en.md').expect(200);
    expect(res.body).toMatchObject({
      id: 'content/blog/gamma.en.md',
      format: 'json',
      frontMatter: { title: 'Gamma' },
    });
  });

  it('shows an unparseable file read-only: 200 with raw text and the error position', async () => {
    const res = await folio.agent.get(entryUrl('content/blog/broken.md')).expect(200);
    expect(res.body.raw).toBe(SITE_FIXTURE['content/blog/broken.md']);
    expect(res.body.format).toBe('yaml');
    expect(res.body.parseError.message).toMatch(/./);
    expect(typeof res.body.parseError.line).toBe('number');
  });

  it('answers 400 for ids that break the path rules', async () => {
    const res = await folio.agent.get(entryUrl('content/../hugo.toml')).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      details: { reason: expect.any(String) },
    });
    await folio.agent.get(entryUrl('content/blog/.git/config')).expect(400);
  });

  it('answers 404 for ids that are not entries and 401 without a session', async () => {
    expect(
      (await folio.agent.get(entryUrl('content/blog/nope.md')).expect(404)).body.error.code,
    ).toBe('not_found');
    await folio.agent.get(entryUrl('hugo.toml')).expect(404); // a file, but not an entry
    await folio.agent.get(entryUrl('content/blog/bundle/cover.png')).expect(404);
    await folio.agent.get(entryUrl('content/blog')).expect(404);
    await folio.anonymous.get(entryUrl('content/blog/alpha.md')).expect(401);
  });

  it('lists collections with fields typed from their values and suggestions for terms', async () => {
    const res = await folio.agent.get('/api/collections').expect(200);
    const { items } = CollectionListSchema.parse(res.body);
    expect(items.map((c) => [c.name, c.path, c.count])).toEqual([
      ['blog', 'content/blog', 6],
      ['docs', 'content/docs', 2],
      ['.', 'content', 1],
    ]);
    const fields = new Map(items[0]!.fields.map((f) => [f.name, f]));
    expect(fields.get('title')?.kind).toBe('string');
    expect(fields.get('date')?.kind).toBe('datetime');
    // Hugo's draft flag is a one-click switch and a filter of the list.
    expect(fields.get('draft')).toEqual({
      name: 'draft',
      kind: 'boolean',
      flag: true,
      filter: true,
    });
    expect(fields.get('tags')).toEqual({
      name: 'tags',
      kind: 'tags',
      filter: true,
      suggestions: ['Go', 'Rust'],
    });
    expect(fields.get('images')).toEqual({ name: 'images', kind: 'image', multiple: true });
    expect(items[0]!.declared).toBe(false);
    await folio.anonymous.get('/api/collections').expect(401);
  });
});
