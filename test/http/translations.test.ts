import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntrySchema } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { TRANSLATED_SITE } from '../support/translatedSite.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { SITE_FIXTURE, entryUrl, openFolio } from '../support/siteFixture.ts';

describe('translations are linked as Hugo links them', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const get = async (id: string) =>
    EntrySchema.parse((await folio.agent.get(entryUrl(id)).expect(200)).body);

  beforeAll(async () => {
    repo = makeFixtureRepo(TRANSLATED_SITE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('links by path in the languages’ folders, and names the missing languages', async () => {
    const intro = await get('content/en/docs/intro.md');
    expect(intro.lang).toBe('en');
    expect(intro.translations).toEqual([
      { lang: 'es', id: 'content/es/docs/intro.md', title: 'Introducción' },
    ]);
    expect(intro.missingTranslations).toEqual(['pt-br']);
    expect(intro.languageNames).toEqual({ en: 'English', es: 'Español' });
    const es = await get('content/es/docs/intro.md');
    expect(es.translations?.map((t) => t.id)).toEqual(['content/en/docs/intro.md']);
  });

  it('links by path modulo the language suffix', async () => {
    const faq = await get('content/en/docs/faq.md');
    expect(faq.translations?.map((t) => [t.lang, t.id])).toEqual([
      ['es', 'content/en/docs/faq.es.md'],
    ]);
  });

  it('links by translationKey (any case of the key), and then not by path', async () => {
    const setup = await get('content/en/docs/setup.md');
    expect(setup.translations?.map((t) => t.id)).toEqual(['content/es/docs/instalacion.md']);
    const lone = await get('content/es/docs/setup.md');
    expect(lone.translations).toEqual([]);
    expect(lone.missingTranslations).toEqual(['en', 'pt-br']);
  });

  it('creates a translation as a draft copy where Hugo puts that language, in one commit', async () => {
    const before = commitCount(repo.dir);
    const res = await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/en/docs/intro.md', lang: 'PT-BR' })
      .expect(201);
    expect(res.body).toMatchObject({ id: 'content/docs/intro.md', changed: true });
    expect(commitCount(repo.dir)).toBe(before + 1);
    expect(lastCommit(repo.dir).subject).toBe('Translate "Intro" (pt-br)');
    expect(fileAtHead(repo.dir, 'content/docs/intro.md')).toBe(
      '---\ntitle: Intro\n# keep this comment\ntags: [a]\ndraft: true\n---\nHello.',
    );
    expectHealthyRepo(repo.dir);
    const intro = await get('content/en/docs/intro.md');
    expect(intro.translations?.map((t) => t.lang)).toEqual(['es', 'pt-br']);
    expect(intro.missingTranslations).toEqual([]);
    const created = await get('content/docs/intro.md');
    expect(created.lang).toBe('pt-br');
  });

  it('keeps a bundle a bundle', async () => {
    const bundle = await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/en/blog/post/index.md', lang: 'es' })
      .expect(201);
    expect(bundle.body.id).toBe('content/es/blog/post/index.md');
    expect(fileAtHead(repo.dir, bundle.body.id)).toBe(
      '---\ntitle: Post\ndraft: true\n---\nA bundle.',
    );
    expectHealthyRepo(repo.dir);
  });

  it('refuses what it cannot do, and commits nothing', async () => {
    const before = commitCount(repo.dir);
    const exists = await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/en/docs/intro.md', lang: 'es' })
      .expect(409);
    expect(exists.body.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'exists', id: 'content/es/docs/intro.md' },
    });
    const unknown = await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/en/docs/intro.md', lang: 'fr' })
      .expect(400);
    expect(unknown.body.error.message).toMatch(/Unknown language "fr"/);
    await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/en/docs/intro.md', lang: 'en' })
      .expect(400);
    await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/en/docs/nothing.md', lang: 'es' })
      .expect(404);
    expect(commitCount(repo.dir)).toBe(before);
    expectHealthyRepo(repo.dir);
  });
});

describe('translations in a folder the languages share (file-name suffixes)', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('puts the translation beside the original with the language suffix', async () => {
    const gamma = EntrySchema.parse(
      (await folio.agent.get(entryUrl('content/blog/gamma.en.md')).expect(200)).body,
    );
    expect(gamma).toMatchObject({ lang: 'en', translations: [], missingTranslations: ['pt'] });
    const res = await folio.agent
      .post('/api/entries')
      .send({ translationOf: 'content/blog/alpha.md', lang: 'en' })
      .expect(201);
    expect(res.body.id).toBe('content/blog/alpha.en.md');
    const alpha = EntrySchema.parse(
      (await folio.agent.get(entryUrl('content/blog/alpha.md')).expect(200)).body,
    );
    expect(alpha.translations?.map((t) => t.id)).toEqual(['content/blog/alpha.en.md']);
    expect(fileAtHead(repo.dir, 'content/blog/alpha.en.md')).toContain('featured: true # keep');
    expectHealthyRepo(repo.dir);
  });
});
