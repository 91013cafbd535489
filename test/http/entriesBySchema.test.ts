// GET /api/entries follows the site's schema: field filters (`field.<key>=value`, any of several
// values, select fields whole values, tags and relations word starts without case or accents),
// the collection's default sort when none is asked, and the declared columns of each row.
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { openTeam } from '../support/teamFixture.ts';

const FOLIO_YML = `collections:
  - name: posts
    folder: content/posts
    sort: { field: weight, order: asc }
    columns: [kind, weight, featured]
    fields:
      - { name: title, kind: string }
      - { name: kind, kind: select, label: Kind, options: [news, newsletter, guide] }
      - { name: series, kind: tags, label: Series }
      - { name: writer, kind: relation, collection: people, label: Writer }
      - { name: weight, kind: number }
      - { name: featured, kind: boolean }
  - name: people
    folder: content/people
    fields:
      - { name: title, kind: string }
`;

const post = (front: string) => `---\n${front}\n---\nBody.\n`;

const FILES = {
  'folio.yml': FOLIO_YML,
  'content/posts/a.md': post(
    'title: Alpha\ndate: 2024-01-03\nkind: news\nseries: [Gö Basics]\nwriter: lucía\nweight: 3\nfeatured: true',
  ),
  'content/posts/b.md': post(
    'title: Beta\ndate: 2024-01-02\nkind: newsletter\nseries: [Rust]\nwriter: bob\nweight: 1',
  ),
  'content/posts/c.md': post('title: Gamma\ndate: 2024-01-01\nkind: guide\nweight: 2'),
  'content/posts/d.md': post('title: Delta\ndate: 2024-01-04'),
  'content/people/lucia.md': post('title: Lucía'),
};

interface Row {
  id: string;
  title: string;
  columns?: Record<string, unknown>;
}

describe('the entry list from the schema', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function site() {
    const repo = makeFixtureRepo(FILES);
    cleanups.push(repo.cleanup);
    return (await openTeam(repo.dir)).agents.editor;
  }
  const titles = (body: { items: Row[] }) => body.items.map((row) => row.title);

  it('filters by a declared field, any of several values, select values whole', async () => {
    const agent = await site();
    let { body } = await agent.get('/api/entries?field.kind=news').expect(200);
    // "news" is not "newsletter": a select matches whole values.
    expect(titles(body)).toEqual(['Alpha']);
    ({ body } = await agent.get('/api/entries?field.kind=NEWS,guide&sort=title').expect(200));
    expect(titles(body)).toEqual(['Alpha', 'Gamma']);
    ({ body } = await agent.get('/api/entries?field.kind=news&field.kind=newsletter&sort=title'));
    expect(titles(body)).toEqual(['Alpha', 'Beta']);
    // Tags and relations match a word's start, without case or accents, as the tag filter does.
    ({ body } = await agent.get('/api/entries?field.series=go').expect(200));
    expect(titles(body)).toEqual(['Alpha']);
    ({ body } = await agent.get('/api/entries?field.writer=LUCIA').expect(200));
    expect(titles(body)).toEqual(['Alpha']);
    // Two fields: both must match.
    ({ body } = await agent.get('/api/entries?field.kind=news&field.series=rust').expect(200));
    expect(body.total).toBe(0);
    ({ body } = await agent.get('/api/entries?field.kind=').expect(200));
    expect(body.total).toBe(5);
  });

  it('sorts by the collection default when no sort is asked, and says which', async () => {
    const agent = await site();
    let { body } = await agent.get('/api/entries?collection=posts').expect(200);
    expect(body.sort).toBe('field.weight');
    // Rows without a weight come last.
    expect(titles(body)).toEqual(['Beta', 'Gamma', 'Alpha', 'Delta']);
    ({ body } = await agent.get('/api/entries?collection=posts&sort=-field.weight').expect(200));
    expect(titles(body)).toEqual(['Alpha', 'Gamma', 'Beta', 'Delta']);
    // All collections in view do not agree (people has none): newest first.
    ({ body } = await agent.get('/api/entries').expect(200));
    expect(body.sort).toBe('-date');
    // Pages of a field sort follow on from each other.
    const first = await agent.get('/api/entries?collection=posts&limit=2').expect(200);
    expect(titles(first.body)).toEqual(['Beta', 'Gamma']);
    const next = await agent
      .get(`/api/entries?collection=posts&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(titles(next.body)).toEqual(['Alpha', 'Delta']);
    const bad = await agent.get('/api/entries?sort=weight').expect(400);
    expect(bad.body.error.message).toContain('field.<key>');
  });

  it('gives each row the values of its collection columns', async () => {
    const agent = await site();
    const { body } = await agent.get('/api/entries?sort=title').expect(200);
    const byTitle = new Map<string, Row>(body.items.map((row: Row) => [row.title, row]));
    expect(byTitle.get('Alpha')!.columns).toEqual({ kind: 'news', weight: 3, featured: true });
    expect(byTitle.get('Delta')!.columns).toEqual({ featured: false });
    expect(byTitle.get('Lucía')!.columns).toBeUndefined();
    const { body: collections } = await agent.get('/api/collections').expect(200);
    const posts = collections.items.find((c: { name: string }) => c.name === 'posts');
    expect(posts).toMatchObject({
      sort: { field: 'weight', order: 'asc' },
      columns: ['kind', 'weight', 'featured'],
    });
  });
});
