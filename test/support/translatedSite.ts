import type { FixtureFiles } from './fixtureRepo.ts';

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
