import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFiles } from './fixtureRepo.ts';
import { PROJECT_ROOT } from './tempRepo.ts';

/** A docsy-style site: English and Spanish in their own folders, Brazilian Portuguese in content/. */
export const TRANSLATED_SITE: FixtureFiles = {
  'hugo.toml': [
    'title = "Docs"',
    'defaultContentLanguage = "en"',
    '[languages.en]',
    'weight = 1',
    'languageName = "English"',
    'contentDir = "content/en"',
    '[languages.es]',
    'weight = 2',
    'languageName = "Español"',
    'contentDir = "content/es"',
    '[languages.pt-br]',
    'weight = 3',
    '',
  ].join('\n'),
  'content/en/docs/intro.md': '---\ntitle: Intro\n# keep this comment\ntags: [a]\n---\nHello.\n',
  'content/es/docs/intro.md': '---\ntitle: Introducción\n---\nHola.\n',
  'content/en/docs/setup.md': '---\ntitle: Setup\ntranslationKey: setup-guide\n---\nSet up.\n',
  'content/es/docs/instalacion.md':
    '---\ntitle: Instalación\nTranslationKey: setup-guide\n---\nInstalar.\n',
  'content/es/docs/setup.md': '---\ntitle: Not linked\n---\nA page of its own.\n',
  'content/en/docs/faq.md': '+++\ntitle = "FAQ"\n+++\nQuestions.\n',
  'content/en/docs/faq.es.md': '+++\ntitle = "Preguntas"\n+++\nPreguntas.\n',
  'content/en/blog/post/index.md': '---\ntitle: Post\ndraft: false\n---\nA bundle.\n',
};

const DECAP = readFileSync(join(PROJECT_ROOT, 'test/fixtures/decap/i18n-docs-config.yml'), 'utf8');

/**
 * A Hugo blog in English, German and Spanish, translated by file-name suffix, with a Decap config
 * in the shape of Decap's i18n examples (test/fixtures/decap/i18n-docs-config.yml).
 */
export const DECAP_TRANSLATED_BLOG: FixtureFiles = {
  'hugo.toml': [
    'title = "Blog"',
    'defaultContentLanguage = "en"',
    '[languages.en]',
    'weight = 1',
    'languageName = "English"',
    '[languages.de]',
    'weight = 2',
    'languageName = "Deutsch"',
    '[languages.es]',
    'weight = 3',
    '',
  ].join('\n'),
  'static/admin/config.yml': DECAP,
  'content/posts/hello.en.md':
    '---\ntitle: Hello\ndate: 2025-05-01T10:00:00Z\nauthor: Ana\ntags: [news]\n---\nHello.\n',
  'content/posts/hello.de.md': '---\ntitle: Hallo\ndate: 2025-05-01T10:00:00Z\n---\nHallo.\n',
  'content/posts/second.en.md':
    '---\ntitle: Second\ndate: 2025-06-01T10:00:00Z # kept\nauthor: Ana\n---\nSecond post.\n',
  'content/posts/nur.de.md': '---\ntitle: Nur Deutsch\ndate: 2025-07-01T10:00:00Z\n---\nNur.\n',
  'content/news/en/launch.md': '---\ntitle: Launch\n---\nWe launched.\n',
  'content/news/de/launch.md': '---\ntitle: Start\n---\nWir sind gestartet.\n',
  'content/pages/about.md':
    '---\nen:\n  title: About\n  weight: 1\n  body: We write.\nde:\n  title: Über uns # translated\n  body: Wir schreiben.\n---\n',
  'content/authors/ana.md': '---\ntitle: Ana\n---\nAna writes.\n',
  'content/authors/ana.de.md': '---\ntitle: Ana\n---\nAna schreibt.\n',
};
