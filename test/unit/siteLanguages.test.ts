import { describe, expect, it } from 'vitest';
import { buildEntryPath, classifyEntryPath } from '../../server/services/entryPaths.ts';
import { mergeSettings } from '../../server/services/hugoConfig.ts';
import { type SiteConfig, siteConfigOf } from '../../server/services/siteConfig.ts';

function config(...layers: Record<string, unknown>[]): SiteConfig {
  const settings: Record<string, unknown> = {};
  for (const layer of layers) mergeSettings(settings, layer);
  return {
    ...siteConfigOf(settings),
    source: null,
    sources: [],
    environment: 'production',
    siteDir: '',
  };
}

const DOCSY = config({
  defaultContentLanguage: 'en',
  languages: {
    en: { weight: 1, contentDir: 'content/en', languageName: 'English' },
    es: { weight: 2, contentDir: 'content/es', languageName: 'Español' },
    'pt-BR': { weight: 3 },
  },
});

describe('site languages', () => {
  it('orders languages as Hugo does: default first, then by weight, unweighted last, ties by code', () => {
    const c = config({
      defaultContentLanguage: 'fr',
      languages: { it: {}, de: { weight: 2 }, fr: { weight: 3 }, nl: { weight: 1 }, ca: {} },
    });
    expect(c.languages).toEqual(['fr', 'nl', 'de', 'ca', 'it']);
  });

  it('merges split files deeply, later ones winning, keys in lower case', () => {
    const c = config(
      { DefaultContentLanguage: 'EN', Languages: { en: { weight: 1 }, es: { weight: 2 } } },
      { languages: { es: { ContentDir: 'content/es' } } },
    );
    expect(c.defaultLanguage).toBe('en');
    expect(c.siteLanguages.find((l) => l.code === 'es')).toMatchObject({
      weight: 2,
      contentDir: 'content/es',
    });
  });

  it('gives a site with no language Hugo\'s default "en", one language, no choice to offer', () => {
    const c = config({ title: 'x' });
    expect(c).toMatchObject({ defaultLanguage: 'en', languages: ['en'], multilingual: false });
    expect(classifyEntryPath(c, 'content/a.en.md')?.lang).toBe('en');
    expect(classifyEntryPath(c, 'content/a.fr.md')).toMatchObject({ lang: 'en', slug: 'a.fr' });
  });

  it('puts a new page where Hugo reads it as that language', () => {
    const p = (lang: string | undefined, collection = 'docs') =>
      buildEntryPath(DOCSY, { collection, slug: 'x', lang, bundle: false });
    expect(p(undefined)).toBe('content/en/docs/x.md');
    expect(p('ES')).toBe('content/es/docs/x.md');
    // pt-br has no contentDir: its pages are the site's "content", which no other language takes.
    expect(p('pt-br')).toBe('content/docs/x.md');
    expect(classifyEntryPath(DOCSY, 'content/docs/x.md')?.lang).toBe('pt-br');
    expect(() => p('xx')).toThrow(/Unknown language "xx"/);
  });

  it('refuses a new page whose path Hugo would read as another language or section', () => {
    const shared = config({
      defaultContentLanguage: 'en',
      languages: { en: { weight: 1 }, es: { weight: 2, contentDir: 'content/es' } },
    });
    expect(() =>
      buildEntryPath(shared, { collection: 'es', slug: 'x', lang: 'en', bundle: false }),
    ).toThrow(/Hugo would read that file as a es page/);
    expect(() =>
      buildEntryPath(shared, { collection: 'docs', slug: 'x.es', lang: 'en', bundle: false }),
    ).toThrow(/Choose another/);
  });

  it('reads module mounts: languages, targets below content, excluded files', () => {
    const c = config({
      languages: { en: { weight: 1 }, de: { weight: 2 } },
      module: {
        mounts: [
          { source: 'content/de', target: 'content', lang: 'de', excludeFiles: 'Drafts' },
          { source: 'blog-src', target: 'content/blog' },
        ],
      },
    });
    expect(classifyEntryPath(c, 'content/de/a/b.md')).toMatchObject({
      lang: 'de',
      collection: 'a',
    });
    expect(classifyEntryPath(c, 'content/de/drafts/b.md')).toBeNull();
    expect(classifyEntryPath(c, 'content/other.md')).toBeNull();
    expect(classifyEntryPath(c, 'blog-src/post.de.md')).toMatchObject({
      lang: 'de',
      collection: 'blog',
      slug: 'post',
    });
    expect(buildEntryPath(c, { collection: 'blog', slug: 'x', bundle: false })).toBe(
      'blog-src/x.md',
    );
    expect(buildEntryPath(c, { collection: 'blog', slug: 'x', lang: 'de', bundle: false })).toBe(
      'blog-src/x.de.md',
    );
  });
});
