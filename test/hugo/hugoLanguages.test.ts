// Hugo itself decides each page's language: multilingual sites, configured every way Hugo reads a
// config, are built with the real `hugo`, and Folio must give every page Hugo's language.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type FixtureFiles, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { makeTempDir } from '../support/tempRepo.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { openFolio } from '../support/siteFixture.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';

// Prints "<file>|<lang>" for every page of every language, from the first site's home page.
const PROBE =
  '{{ if eq .Site.Language.Lang .Sites.First.Language.Lang }}{{ range .Site.AllPages }}' +
  '{{ with .File }}{{ .Filename }}|{{ $.Lang }}|{{ end }}{{ .Lang }}\n{{ end }}{{ end }}';

const page = (title: string) => `---\ntitle: ${title}\n---\nBody.\n`;
function pages(paths: string[]): FixtureFiles {
  return Object.fromEntries(paths.map((p) => [p, page(p)]));
}

interface SiteCase {
  name: string;
  files: FixtureFiles;
  /** Files Hugo builds no page of (a disabled language) and the language Folio gives them. */
  unbuilt?: Record<string, string>;
  /** Files Hugo builds twice, once per folder that holds them, and the language Folio keeps. */
  twice?: Record<string, string>;
}

const CASES: SiteCase[] = [
  {
    // docsy / opentelemetry.io style: each language its own contentDir; codes in any case.
    name: 'TOML root hugo.toml with a contentDir per language',
    files: {
      'hugo.toml': [
        'title = "T"',
        'DefaultContentLanguage = "en"',
        'disableLanguages = ["FR"]',
        '[languages.en]',
        'weight = 1',
        'contentDir = "content/en"',
        '[languages.es]',
        'weight = 2',
        'contentDir = "./content/es/"',
        '[languages.pt-BR]',
        'weight = 3',
        'ContentDir = "content/pt-br"',
        '[languages.fr]',
        'weight = 5',
        'contentDir = "content/fr"',
        '',
      ].join('\n'),
      ...pages([
        'content/en/_index.md',
        'content/en/docs/intro.md',
        'content/en/docs/setup.es.md',
        'content/en/docs/notes.it.md',
        'content/en/docs/cased.pt-BR.md',
        'content/en/docs/upper.EN.md',
        'content/es/_index.md',
        'content/es/docs/intro.md',
        'content/es/docs/extra.en.md',
        'content/pt-br/docs/intro.md',
        'content/fr/docs/about.md',
        'content/fr/docs/other.es.md',
        'content/docs/outside.md',
      ]),
    },
    // French is disabled: Hugo builds none of its pages (other.es.md is Spanish, so it is built);
    // Folio still lists them, as French.
    unbuilt: { 'content/fr/docs/about.md': 'fr' },
  },
  {
    name: 'YAML config/_default split files with a production override',
    files: {
      'config/_default/hugo.yaml': 'title: T\ndefaultContentLanguage: it\n',
      'config/_default/languages.yaml': 'it:\n  weight: 1\nen:\n  weight: 2\n',
      'config/_default/languages.nl.yaml': 'weight: 3\n',
      'config/_default/params.yaml': 'description: x\n',
      'config/production/languages.yaml': 'en:\n  contentDir: content/english\n',
      'config/development/languages.yaml': 'en:\n  contentDir: content/dev\n',
      ...pages([
        'content/post.md',
        'content/post.en.md',
        'content/other.nl.md',
        'content/english/hello.md',
        'content/english/ciao.it.md',
        'content/dev/dev.md',
        'content/no.en-us.md',
      ]),
    },
    // Hugo's "content" (the Italian folder) holds content/english and content/dev too.
    twice: { 'content/english/hello.md': 'en', 'content/english/ciao.it.md': 'it' },
  },
  {
    name: 'JSON config.json with module mounts naming languages',
    files: {
      'config.json': JSON.stringify({
        title: 'T',
        defaultContentLanguage: 'es',
        languages: { es: { weight: 1 }, en: { weight: 2 }, ja: { weight: 3 } },
        module: {
          mounts: [
            { source: 'content/es', target: 'content', lang: 'es' },
            { source: 'content/en', target: 'content', lang: 'en', excludeFiles: ['drafts/*'] },
            { source: 'extra', target: 'content/blog' },
            { source: 'content/xx', target: 'content', lang: 'XX' },
          ],
        },
      }),
      ...pages([
        'content/es/a.md',
        'content/es/b.ja.md',
        'content/en/a.md',
        'content/en/drafts/wip.md',
        'content/loose.md',
        'extra/post.md',
        'extra/post.en.md',
        'content/xx/z.md',
      ]),
    },
  },
  {
    name: 'a root config.toml that names no language',
    files: {
      'config.toml': 'title = "T"\n',
      ...pages(['content/posts/a.md', 'content/posts/b.en.md', 'content/posts/c.fr.md']),
    },
  },
];

/** The language of every page Hugo builds, by repository path (a set: a file can be built twice). */
function hugoLanguages(hugo: string, site: string, args: string[] = []): Map<string, Set<string>> {
  const out = makeTempDir();
  try {
    execFileSync(
      hugo,
      ['--quiet', '-s', site, '-d', out.path, '--layoutDir', 'folio-probe', ...args],
      {
        stdio: 'pipe',
      },
    );
    const langs = new Map<string, Set<string>>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name === 'index.html')
          for (const line of readFileSync(path, 'utf8').split('\n')) {
            const [file, , lang] = line.split('|');
            if (!file || !lang) continue;
            const id = relative(site, file);
            langs.set(id, (langs.get(id) ?? new Set()).add(lang.trim()));
          }
      }
    };
    walk(out.path);
    return langs;
  } finally {
    out.cleanup();
  }
}

describeWithTool('hugo', 'languages as Hugo assigns them', (hugo) => {
  const cleanups: Array<() => void> = [];
  afterAll(() => cleanups.forEach((c) => c()));

  for (const site of CASES) {
    it(`agrees with hugo on every page: ${site.name}`, async () => {
      const repo = makeFixtureRepo({ ...site.files, 'folio-probe/index.html': PROBE });
      cleanups.push(repo.cleanup);
      const built = hugoLanguages(hugo, repo.dir);
      expect(built.size).toBeGreaterThan(2);
      const folio = await openFolio(repo.dir);
      const res = await folio.agent.get('/api/entries?limit=500').expect(200);
      const folioLangs = new Map<string, string | null>(
        (res.body.items as Array<{ id: string; lang: string | null }>).map((e) => [e.id, e.lang]),
      );
      const expected = new Map<string, string>();
      for (const [id, langs] of built) {
        const twice = site.twice?.[id];
        if (twice) {
          expect(langs.has(twice), `${id}: Hugo built it in ${[...langs]}`).toBe(true);
          expected.set(id, twice);
        } else {
          expect(langs.size, `${id} is built once`).toBe(1);
          expected.set(id, [...langs][0]!);
        }
      }
      for (const [id, lang] of Object.entries(site.unbuilt ?? {})) {
        expect(built.has(id), `${id} is not built`).toBe(false);
        expected.set(id, lang);
      }
      expect(Object.fromEntries([...folioLangs].sort())).toEqual(
        Object.fromEntries([...expected].sort()),
      );
      await folio.ctx.close();
    });
  }

  it('reads config/<environment>/ as hugo -e does (production unless told)', async () => {
    const site = CASES[1]!;
    const repo = makeFixtureRepo({ ...site.files, 'folio-probe/index.html': PROBE });
    cleanups.push(repo.cleanup);
    const dev = hugoLanguages(hugo, repo.dir, ['-e', 'development']);
    expect([...(dev.get('content/dev/dev.md') ?? [])]).toContain('en');
    const ctx = await openContext({ repo: repo.dir, hugoEnvironment: 'development' });
    const agent = await loginAgent(createApp(ctx), ctx);
    const res = await agent.get('/api/entries?limit=500').expect(200);
    const langs = Object.fromEntries(
      (res.body.items as Array<{ id: string; lang: string }>).map((e) => [e.id, e.lang]),
    );
    expect(langs['content/dev/dev.md']).toBe('en');
    expect(langs['content/english/hello.md']).toBe('it');
    await ctx.close();
  });
});
