// A real site's Decap CMS configuration (test/fixtures/decap/README.md names it) mapped onto
// Folio's collections and field kinds: what maps is kept with its meaning, what does not is
// reported, never dropped without a word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSchemaFile } from '../../../server/services/schema/SchemaService.ts';

const text = readFileSync(new URL('../../fixtures/decap/2i2c-config.yml', import.meta.url), 'utf8');

describe('a Decap config (2i2c-org.github.io)', () => {
  const schema = parseSchemaFile('static/admin/config.yml', text);
  const byName = (name: string) => schema.collections.find((c) => c.name === name)!;
  const field = (collection: string, name: string) =>
    byName(collection).fields.find((f) => f.name === name)!;

  it('maps the folder collections with their paths and the files collection', () => {
    expect(schema.collections.map((c) => c.name)).toEqual(['authors', 'posts', 'talks', 'pages']);
    expect(byName('posts')).toMatchObject({
      label: 'Posts',
      folder: 'content/post',
      path: '{{slug}}/index',
      create: true,
    });
    expect(byName('authors').path).toBe('{{slug}}/_index');
    expect(byName('pages').files?.map((f) => [f.name, f.file])).toEqual([
      ['privacy', 'content/privacy.md'],
      ['terms', 'content/terms.md'],
    ]);
    expect(byName('pages').files![0]!.fields.map((f) => f.name)).toEqual([
      'title',
      'date',
      'subtitle',
      'summary',
      'draft',
    ]);
  });

  it("takes Decap's body field as the Markdown body, not a front matter key", () => {
    expect(byName('posts').body).toEqual({ label: 'Body' });
    expect(byName('talks').body).toEqual({ label: 'Details' });
    expect(byName('posts').fields.map((f) => f.name)).not.toContain('body');
    // Another markdown field is a front matter key like any other.
    expect(field('posts', 'summary')).toMatchObject({ kind: 'markdown', required: true });
  });

  it('maps widgets onto kinds, with labels, defaults and required as Decap means them', () => {
    expect(field('posts', 'title')).toEqual({
      name: 'title',
      kind: 'string',
      label: 'Title',
      required: true,
    });
    expect(field('posts', 'date')).toMatchObject({ kind: 'datetime', required: true });
    expect(field('posts', 'draft')).toEqual({
      name: 'draft',
      kind: 'boolean',
      label: 'Draft',
      default: false,
    });
    expect(field('posts', 'tags')).toMatchObject({ kind: 'tags' });
    expect(field('posts', 'tags').required).toBeUndefined();
    const image = field('posts', 'image');
    expect(image.kind).toBe('object');
    expect(image.fields?.[0]).toMatchObject({
      name: 'filename',
      kind: 'image',
      default: 'featured',
    });
    expect(image.fields?.[4]).toMatchObject({ name: 'preview_only', kind: 'boolean' });
    const social = field('authors', 'social');
    expect(social.kind).toBe('list');
    expect(social.fields?.find((f) => f.name === 'icon_pack')).toMatchObject({
      kind: 'select',
      options: [
        { label: 'None', value: '' },
        { label: 'Solid', value: 'fas' },
        { label: 'Regular', value: 'far' },
        { label: 'Brand', value: 'fab' },
        { label: 'Academic', value: 'ai' },
      ],
    });
    const year = field('authors', 'education').fields![0]!.fields!.find((f) => f.name === 'year');
    expect(year).toMatchObject({ kind: 'number', integer: true });
    expect(year?.required).toBeUndefined();
  });

  it('reports the one setting it does not use (media_folder), by where it is', () => {
    // Everything else in this config maps (Decap's backend and looks settings are not content).
    expect(schema.problems).toEqual([
      {
        path: 'media_folder',
        message: expect.stringMatching(/^Uploads go to Folio's media folder .*not to this one\.$/),
      },
    ]);
  });
});

describe('schema files that cannot be read', () => {
  it('says where a folio.yml breaks the format, and declares nothing', () => {
    const schema = parseSchemaFile(
      'folio.yml',
      'collections:\n  - name: posts\n    folder: content/posts\n    fields:\n      - { name: title, kind: strnig }\n',
    );
    expect(schema.collections).toEqual([]);
    expect(schema.problems[0]?.path).toBe('collections.0.fields.0.kind');
    expect(schema.problems[0]?.message).toMatch(/docs\/schema\.md/);
  });

  it('says a file is not YAML, and an unknown widget is edited as text', () => {
    expect(parseSchemaFile('folio.yml', 'collections: [\n').problems[0]?.message).toMatch(
      /folio\.yml is not valid YAML/,
    );
    const decap = parseSchemaFile(
      'static/admin/config.yml',
      'collections:\n  - name: posts\n    folder: content/posts\n    fields:\n      - { name: color, widget: color }\n      - { widget: string }\n',
    );
    expect(decap.collections[0]?.fields).toEqual([
      { name: 'color', kind: 'string', required: true },
    ]);
    expect(decap.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/widget "color" has no Folio input/),
        'A field without a name: left out.',
      ]),
    );
  });

  it("takes sortable_fields' default as the list's default order, and says why a commit date cannot be", () => {
    const config = (sortable: string) =>
      parseSchemaFile(
        'static/admin/config.yml',
        `collections:\n  - name: posts\n    folder: content/posts\n    sortable_fields: ${sortable}\n    fields: [{ name: title, widget: string }]\n`,
      );
    const weight = config(
      '{ fields: [title, weight], default: { field: weight, direction: Descending } }',
    );
    expect(weight.collections[0]?.sort).toEqual({ field: 'weight', order: 'desc' });
    expect(weight.problems).toEqual([]);
    const title = config('{ fields: [title], default: { field: title } }');
    expect(title.collections[0]?.sort).toEqual({ field: 'title', order: 'asc' });
    // A plain list only names the sort menu's choices.
    expect(config('[title, date]').collections[0]?.sort).toBeUndefined();
    const commit = config('{ default: { field: commit_date, direction: Descending } }');
    expect(commit.collections[0]?.sort).toBeUndefined();
    expect(commit.problems[0]?.message).toMatch(/cannot sort by commit_date/);
  });
});

describe('docs/folio.schema.json', () => {
  it('is the JSON Schema of the folio.yml the server reads (npm run schema:json)', async () => {
    const { folioSchemaJson } = await import('../../../scripts/folioSchemaJson.ts');
    const committed = readFileSync(
      new URL('../../../docs/folio.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(folioSchemaJson());
    const schema = JSON.parse(committed);
    expect(schema.properties.collections.type).toBe('array');
    expect(JSON.stringify(schema)).toContain('"markdown"');
  });
});
