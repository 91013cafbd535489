// Decap's and Sveltia's i18n settings that Folio maps, and those it reports instead of guessing.
import { describe, expect, it } from 'vitest';
import { parseSchemaFile } from '../../../server/services/schema/SchemaService.ts';

const parse = (yaml: string) => parseSchemaFile('static/admin/config.yml', yaml);
const messages = (yaml: string) => parse(yaml).problems.map((p) => `${p.path}: ${p.message}`);

describe("a Decap config's i18n", () => {
  it("merges the collection's i18n over the top level's, Sveltia's option included", () => {
    const schema = parse(
      [
        'i18n: { structure: multiple_files, locales: [en, fr], default_locale: fr }',
        'collections:',
        '  - name: posts',
        '    folder: content/posts',
        '    i18n: { locales: [en, de], omit_default_locale_from_file_path: true, initial_locales: all }',
        '    fields: [{ name: title, widget: string, i18n: translate }, { name: slug, widget: string, i18n: none }]',
        '  - name: plain',
        '    folder: content/plain',
        '    fields: [{ name: title, widget: string, i18n: true }]',
      ].join('\n'),
    );
    // default_locale fr is not one of the collection's locales: the first one is the original.
    expect(schema.collections[0]!.i18n).toEqual({
      structure: 'multiple_files',
      locales: ['en', 'de'],
      defaultLocale: 'en',
      omitDefaultLocale: true,
    });
    expect(schema.collections[0]!.fields.map((f) => f.i18n)).toEqual([true, false]);
    // Not translated: no i18n on the collection or its fields.
    expect(schema.collections[1]!.i18n).toBeUndefined();
    expect(schema.collections[1]!.fields[0]!.i18n).toBeUndefined();
    expect(schema.problems).toEqual([]);
  });

  it('reports what it cannot map, and edits those collections without translations', () => {
    const found = messages(
      [
        'i18n: { structure: multiple_root_folders, locales: [en, de] }',
        'collections:',
        '  - { name: a, folder: content/a, i18n: true, fields: [] }',
        '  - { name: b, folder: "content/{{locale}}/b", i18n: { structure: multiple_files }, fields: [] }',
        '  - { name: c, folder: content/c, i18n: { structure: multiple_files, locales: [] }, fields: [] }',
        '  - { name: d, folder: content/d, i18n: { structure: multiple_files, canonical_slug: { key: ref } }, fields: [] }',
        '  - { name: e, i18n: true, files: [{ name: about, file: content/about.md, fields: [] }] }',
      ].join('\n'),
    );
    expect(found).toEqual([
      'collections.0 (a).i18n: The i18n structure multiple_root_folders is not one Folio can map (multiple_files, multiple_folders, single_file): the collection is edited without translations.',
      "collections.1 (b): A folder with {{locale}} (Sveltia) is not read: Folio looks for the entries in the folder as written. Use i18n structure multiple_folders, or folio.yml with i18n: true on the default language's folder.",
      'collections.2 (c).i18n: i18n without locales: the collection is edited without translations.',
      'collections.3 (d).i18n: canonical_slug.key ref: Folio links translations as Hugo does, by translationKey (or the path).',
      'collections.4 (e).i18n: i18n in a files collection: Folio edits each file as it is, without translations.',
    ]);
    expect(
      messages('collections:\n  - { name: a, folder: content/a, i18n: true, fields: [] }'),
    ).toEqual([
      'collections.0 (a).i18n: i18n without a top-level i18n (structure, locales): Decap ignores it, and so does Folio.',
    ]);
  });
});
