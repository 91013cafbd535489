// Archetypes in inference (issue 18, point 3): a section's archetype says which keys its entries
// are expected to have and their defaults, before any post has them; folio.yml written from the
// inference carries them; a site in a subfolder reads its own archetypes/.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { openTeam } from '../support/teamFixture.ts';

const POSTS_ARCHETYPE = [
  '---',
  'title: "{{ replace .Name "-" " " | title }}"',
  'date: {{ .Date }}',
  'draft: true',
  'series: "{{ .Site.Title }}"',
  'toc: true',
  'weight: 10',
  'summary: ""',
  'tags: []',
  'images: []',
  'cover:',
  '  image: ""',
  '---',
  'Write here.',
  '',
].join('\n');

interface CollectionItem {
  name: string;
  fields: { name: string; kind: string; default?: unknown }[];
}

async function fieldsOf(agent: Awaited<ReturnType<typeof openTeam>>['agents']['admin']) {
  const items = (await agent.get('/api/collections').expect(200)).body.items as CollectionItem[];
  return new Map(items.map((c) => [c.name, c.fields]));
}

describe('inference reads the archetypes', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('adds the keys of archetypes/<section>.md no post has, with kinds, order and defaults', async () => {
    const repo = makeFixtureRepo({
      'hugo.toml': 'title = "Field notes"\n',
      'archetypes/posts.md': POSTS_ARCHETYPE,
      'archetypes/default.md': '---\ntitle: "{{ .Name }}"\ndate: {{ .Date }}\nlayout: plain\n---\n',
      'content/posts/one.md': '---\ntitle: One\ndate: 2025-01-01\nweight: 3\nextra: hi\n---\n',
      'content/notes/a.md': '---\ntitle: A\n---\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const fields = await fieldsOf(agents.admin);
    // The posts' own keys first (as the files have them), then the archetype's others in its order.
    expect(fields.get('posts')).toEqual([
      { name: 'title', kind: 'string' },
      { name: 'date', kind: 'date' },
      { name: 'weight', kind: 'number', default: 10 },
      { name: 'extra', kind: 'string' },
      { name: 'draft', kind: 'boolean', flag: true, filter: true, default: true },
      { name: 'series', kind: 'string', default: 'Field notes' },
      { name: 'toc', kind: 'boolean', default: true },
      { name: 'summary', kind: 'string' },
      { name: 'tags', kind: 'tags' },
      { name: 'images', kind: 'image', multiple: true },
      { name: 'cover', kind: 'object', default: { image: '' } },
    ]);
    // No archetype of its own: archetypes/default.md, whose `date` is {{ .Date }}.
    expect(fields.get('notes')).toEqual([
      { name: 'title', kind: 'string' },
      { name: 'date', kind: 'datetime' },
      { name: 'layout', kind: 'string', default: 'plain' },
      { name: 'draft', kind: 'boolean', flag: true, filter: true },
    ]);

    // Written to folio.yml, they stay; Folio then reads them back as declared.
    await agents.admin.post('/api/schema/inferred').send({}).expect(201);
    const written = parse(fileAtHead(repo.dir, 'folio.yml')) as {
      collections: { name: string; fields: { name: string; default?: unknown }[] }[];
    };
    const posts = written.collections.find((c) => c.name === 'posts')!;
    expect(posts.fields.map((f) => f.name)).toEqual([
      'title',
      'date',
      'weight',
      'extra',
      'draft',
      'series',
      'toc',
      'summary',
      'tags',
      'images',
      'cover',
    ]);
    expect(posts.fields.find((f) => f.name === 'toc')?.default).toBe(true);
    const declared = await fieldsOf(agents.admin);
    expect(declared.get('posts')?.map((f) => [f.name, f.kind])).toEqual(
      fields.get('posts')?.map((f) => [f.name, f.kind]),
    );
    expectHealthyRepo(repo.dir);
  });

  it('gives a section with an archetype and no post yet the archetype fields, in a site subfolder', async () => {
    const repo = makeFixtureRepo({
      'README.md': '# Project\n',
      'archetypes/posts.md': '---\nwrong: true\n---\n',
      'website/hugo.toml': 'title = "Docs"\n',
      'website/archetypes/posts.md': POSTS_ARCHETYPE,
      'website/content/_index.md': '---\ntitle: Home\n---\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir, { siteDir: 'website' });
    const posts = (await fieldsOf(agents.admin)).get('posts');
    expect(posts?.map((f) => [f.name, f.kind, f.default])).toEqual([
      ['title', 'string', undefined],
      ['date', 'datetime', undefined],
      ['draft', 'boolean', true],
      ['series', 'string', 'Docs'],
      ['toc', 'boolean', true],
      ['weight', 'number', 10],
      ['summary', 'string', undefined],
      ['tags', 'tags', undefined],
      ['images', 'image', undefined],
      ['cover', 'object', { image: '' }],
    ]);
  });

  it('ignores an archetype Folio cannot render, and infers from the files as before', async () => {
    const repo = makeFixtureRepo({
      'archetypes/posts.md': '---\n{{ range .Site.Params.x }}a: 1{{ end }}\n---\n',
      'content/posts/one.md': '---\ntitle: One\n---\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    expect((await fieldsOf(agents.admin)).get('posts')).toEqual([
      { name: 'title', kind: 'string' },
      { name: 'draft', kind: 'boolean', flag: true, filter: true },
    ]);
  });
});
