// Translations of declared collections: a Decap config's i18n (the shape of Decap's and Sveltia's
// documented examples) and folio.yml's, on real multilingual Hugo sites in temporary repositories.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntrySchema } from '../../shared/api/contract.ts';
import type { SiteSchema } from '../../shared/schema/siteSchema.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { entryUrl } from '../support/siteFixture.ts';
import { openTeam } from '../support/teamFixture.ts';
import { DECAP_TRANSLATED_BLOG, TRANSLATED_SITE } from '../support/translatedSite.ts';

describe("a Decap config's i18n on a multilingual Hugo site", () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;
  const get = async (id: string) =>
    EntrySchema.parse((await team.agents.editor.get(entryUrl(id)).expect(200)).body);
  const translate = (translationOf: string, lang: string) =>
    team.agents.editor.post('/api/entries').send({ translationOf, lang });

  beforeAll(async () => {
    repo = makeFixtureRepo(DECAP_TRANSLATED_BLOG);
    team = await openTeam(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('maps the structures, locales and field i18n, and reports what Hugo disagrees with', async () => {
    const schema = (await team.agents.admin.get('/api/schema').expect(200)).body as SiteSchema;
    const posts = schema.collections.find((c) => c.name === 'posts')!;
    expect(posts.i18n).toEqual({
      structure: 'multiple_files',
      locales: ['en', 'de', 'fr'],
      defaultLocale: 'en',
    });
    expect(posts.fields.map((f) => [f.name, f.i18n])).toEqual([
      ['title', true],
      ['date', 'duplicate'],
      ['author', false],
      ['tags', true],
    ]);
    expect(schema.collections.find((c) => c.name === 'authors')!.i18n).toBeUndefined();
    const pages = schema.collections.find((c) => c.name === 'pages')!;
    expect(pages.fields.map((f) => [f.name, f.kind, f.fields?.map((g) => g.name)])).toEqual([
      ['en', 'object', ['title', 'weight', 'body']],
      ['de', 'object', ['title', 'body']],
    ]);
    const messages = schema.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContain(
      "collections.0 (posts).i18n: fr is not a language of the Hugo site (en, de, es): Folio offers no translation in it. Add it to the site's languages, or take it out of locales.",
    );
    expect(messages).toContain(
      'collections.0 (posts).i18n: Hugo also builds es, which locales leaves out: no translation in it is offered for this collection.',
    );
    expect(messages).toContain(
      'collections.1 (news).i18n: multiple_folders puts the de version at content/news/de/<slug>.md, which Hugo reads as a page in en: Folio gives each file the language Hugo gives it, so de versions there are not linked as translations. Use multiple_files (<slug>.de.md), or give Hugo a content folder (contentDir or a mount) for de there.',
    );
    expect(messages.some((m) => m.startsWith('collections.2 (pages).i18n: single_file'))).toBe(
      true,
    );
    // The old blanket "Folio assigns languages as Hugo does" is gone, and nothing is unread.
    expect(messages.some((m) => /not from this setting|Not used by Folio/.test(m))).toBe(false);
  });

  it('links the translations, offering only the locales Hugo builds', async () => {
    const hello = await get('content/posts/hello.en.md');
    expect(hello).toMatchObject({
      lang: 'en',
      originalLanguage: 'en',
      translations: [{ lang: 'de', id: 'content/posts/hello.de.md', title: 'Hallo' }],
      missingTranslations: [],
    });
    const second = await get('content/posts/second.en.md');
    expect(second.missingTranslations).toEqual(['de']);
    // A collection without i18n: the translations Hugo links are shown, none is offered.
    const ana = await get('content/authors/ana.md');
    expect(ana.translations?.map((t) => t.id)).toEqual(['content/authors/ana.de.md']);
    expect(ana.missingTranslations).toEqual([]);
    expect(ana.originalLanguage).toBeUndefined();
  });

  it('creates a translation beside the original, without the fields that stay the original’s', async () => {
    const before = commitCount(repo.dir);
    const res = await translate('content/posts/second.en.md', 'de').expect(201);
    expect(res.body.id).toBe('content/posts/second.de.md');
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(lastCommit(repo.dir).subject).toBe('Translate "Second" (de)');
    // title (i18n: true) and date (duplicate, its comment too) copied; author (no i18n) left out.
    expect(fileAtHead(repo.dir, 'content/posts/second.de.md')).toBe(
      '---\ntitle: Second\ndate: 2025-06-01T10:00:00Z # kept\ndraft: true\n---\nSecond post.',
    );
    expect((await get('content/posts/second.en.md')).translations?.map((t) => t.lang)).toEqual([
      'de',
    ]);
    expectHealthyRepo(repo.dir);
  });

  it("copies the original's i18n: duplicate values into its translations, in the same commit", async () => {
    const hello = await get('content/posts/hello.en.md');
    const before = commitCount(repo.dir);
    await team.agents.editor
      .put(entryUrl('content/posts/hello.en.md'))
      .send({
        frontMatter: { ...hello.frontMatter, title: 'Hello!', date: '2025-05-02T09:00:00Z' },
        body: hello.body,
        baseOid: hello.oid,
      })
      .expect(200);
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(gitCli(repo.dir, ['log', '-1', '--format=%B'])).toBe(
      'Update "Hello!"\n\nThe same in every language: Date also set in the de version.',
    );
    expect(gitCli(repo.dir, ['show', '--name-only', '--format=', 'HEAD']).split('\n')).toEqual([
      'content/posts/hello.de.md',
      'content/posts/hello.en.md',
    ]);
    // Only the duplicated date: the German title and body stay the translator's.
    expect(fileAtHead(repo.dir, 'content/posts/hello.de.md')).toBe(
      '---\ntitle: Hallo\ndate: 2025-05-02T09:00:00Z\n---\nHallo.',
    );
    // A change of the original that leaves the duplicated fields alone touches only its file.
    const again = await get('content/posts/hello.en.md');
    await team.agents.editor
      .patch(entryUrl('content/posts/hello.en.md'))
      .send({ set: { title: 'Hello again' }, unset: [], baseOid: again.oid })
      .expect(200);
    expect(gitCli(repo.dir, ['show', '--name-only', '--format=', 'HEAD'])).toBe(
      'content/posts/hello.en.md',
    );
    // A translation's own save is never copied back into the original.
    const de = await get('content/posts/hello.de.md');
    await team.agents.editor
      .put(entryUrl('content/posts/hello.de.md'))
      .send({
        frontMatter: { ...de.frontMatter, date: '2025-05-03T09:00:00Z' },
        body: de.body,
        baseOid: de.oid,
      })
      .expect(200);
    expect(gitCli(repo.dir, ['show', '--name-only', '--format=', 'HEAD'])).toBe(
      'content/posts/hello.de.md',
    );
    expect(fileAtHead(repo.dir, 'content/posts/hello.en.md')).toContain(
      'date: 2025-05-02T09:00:00Z',
    );
    expectHealthyRepo(repo.dir);
  });

  it('saves the original when a translation cannot be parsed, leaving that file alone', async () => {
    const broken = '---\ntitle: [Hallo\n---\nKaputt.\n';
    writeFileSync(join(repo.dir, 'content/posts/hello.de.md'), broken);
    gitCli(repo.dir, ['commit', '-qam', 'Break the German front matter']);
    const hello = await get('content/posts/hello.en.md');
    await team.agents.editor
      .put(entryUrl('content/posts/hello.en.md'))
      .send({
        frontMatter: { ...hello.frontMatter, date: '2025-05-04T09:00:00Z' },
        body: hello.body,
        baseOid: hello.oid,
      })
      .expect(200);
    expect(gitCli(repo.dir, ['log', '-1', '--format=%B'])).toBe(
      'Update "Hello again"\n\nThe same in every language: not in the de version, which Folio cannot parse.',
    );
    expect(fileAtHead(repo.dir, 'content/posts/hello.de.md')).toBe(broken.trimEnd());
    expectHealthyRepo(repo.dir);
  });

  it("gives the default locale's file its suffix, as multiple_files does", async () => {
    const res = await translate('content/posts/nur.de.md', 'en').expect(201);
    expect(res.body.id).toBe('content/posts/nur.en.md');
    expect((await get('content/posts/nur.en.md')).lang).toBe('en');
    const created = await team.agents.editor
      .post('/api/entries')
      .send({ collection: 'posts', title: 'Third', lang: 'en' })
      .expect(201);
    expect(created.body.id).toBe('content/posts/third.en.md');
    expectHealthyRepo(repo.dir);
  });

  it('refuses translations the schema does not declare, and commits nothing', async () => {
    const before = commitCount(repo.dir);
    const es = await translate('content/posts/hello.en.md', 'es').expect(400);
    expect(es.body.error.message).toBe(
      "The Posts collection is translated into en, de, not es: add it to the collection's locales.",
    );
    const authors = await translate('content/authors/ana.md', 'es').expect(400);
    expect(authors.body.error.message).toBe(
      "The Authors collection declares no translations: give it i18n in the site's schema file.",
    );
    // Hugo reads content/news/de/launch.md as an English page: no German version to link to.
    const news = await translate('content/news/en/launch.md', 'de').expect(400);
    expect(news.body.error.message).toMatch(/which Hugo reads as en/);
    expect(commitCount(repo.dir)).toBe(before);
    expectHealthyRepo(repo.dir);
  });

  it('edits one language of a single_file entry and leaves the rest of the file as it is', async () => {
    const about = await get('content/pages/about.md');
    expect(about.missingTranslations).toEqual([]);
    const fm = about.frontMatter as Record<string, Record<string, unknown>>;
    await team.agents.editor
      .put(entryUrl('content/pages/about.md'))
      .send({
        frontMatter: { ...fm, en: { ...fm.en, title: 'About us' } },
        body: about.body,
        baseOid: about.oid,
      })
      .expect(200);
    expect(fileAtHead(repo.dir, 'content/pages/about.md')).toBe(
      '---\nen:\n  title: About us\n  weight: 1\n  body: We write.\nde:\n  title: Über uns # translated\n  body: Wir schreiben.\n---',
    );
    expectHealthyRepo(repo.dir);
  });
});

describe("folio.yml's i18n: true on a site with a content folder per language", () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;
  const get = async (id: string) =>
    EntrySchema.parse((await team.agents.editor.get(entryUrl(id)).expect(200)).body);

  beforeAll(async () => {
    repo = makeFixtureRepo({
      ...TRANSLATED_SITE,
      'folio.yml': [
        'collections:',
        '  - name: docs',
        '    folder: content/en/docs',
        '    create: true',
        '    i18n: true',
        '    fields:',
        '      - { name: title, kind: string, required: true, max: 40 }',
        '      - { name: tags, kind: tags, i18n: false }',
        '  - name: blog',
        '    folder: content/en/blog',
        '    fields: [{ name: title, kind: string }]',
        '',
      ].join('\n'),
    });
    team = await openTeam(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it("offers the site's languages, where Hugo puts them, in every language's folder", async () => {
    const es = await get('content/es/docs/intro.md');
    expect(es).toMatchObject({
      lang: 'es',
      originalLanguage: 'en',
      missingTranslations: ['pt-br'],
    });
    expect(es.translations?.map((t) => t.id)).toEqual(['content/en/docs/intro.md']);
    // The blog declares no translations.
    expect((await get('content/en/blog/post/index.md')).missingTranslations).toEqual([]);
    const schema = (await team.agents.admin.get('/api/schema').expect(200)).body as SiteSchema;
    expect(schema.problems).toEqual([]);
  });

  it("checks the Spanish folder's entries against the declared fields too", async () => {
    const es = await get('content/es/docs/intro.md');
    const refused = await team.agents.editor
      .put(entryUrl('content/es/docs/intro.md'))
      .send({ frontMatter: { title: 'x'.repeat(41) }, body: es.body, baseOid: es.oid })
      .expect(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid', details: [{ path: 'title' }] });
  });

  it('creates a translation without the fields that stay the original’s', async () => {
    const res = await team.agents.editor
      .post('/api/entries')
      .send({ translationOf: 'content/en/docs/intro.md', lang: 'pt-br' })
      .expect(201);
    expect(res.body.id).toBe('content/docs/intro.md');
    expect(fileAtHead(repo.dir, 'content/docs/intro.md')).toBe(
      '---\ntitle: Intro\n# keep this comment\ndraft: true\n---\nHello.',
    );
    expectHealthyRepo(repo.dir);
  });
});
