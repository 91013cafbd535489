// Which archetype a new entry gets, against `hugo new` on the same site: the top-level section as
// the type (nested folders too), the site's archetypes before its themes', module imports before
// `theme`, themes of themes, and folder (page bundle) archetypes from a theme.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { openFolio } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

const named = (who: string) =>
  `---\ntitle: "{{ replace .Name "-" " " | title }}"\nfrom: ${who}\nsection: "{{ .Section }}"\ntype: "{{ .Type }}"\npath: "{{ .File.Path }}"\n---\n\nFrom ${who}.\n`;

const SITE: FixtureFiles = {
  'hugo.toml':
    "baseURL = 'https://example.org/'\ntitle = 'Themed'\ntheme = 'paper'\n[module]\n[[module.imports]]\npath = 'widgets'\n",
  // A folder inside a section, declared as its own collection; nothing else is declared.
  'folio.yml': 'collections:\n  - name: year\n    folder: content/posts/2024\n',
  'content/posts/old.md': '---\ntitle: Old\n---\n',
  'archetypes/default.md': named('the site default'),
  // The theme's posts.md beats the site's default.md: Hugo tries a name in every folder first.
  'themes/paper/archetypes/posts.md': named('the paper theme, posts'),
  'themes/paper/archetypes/docs.md': named('the paper theme, docs'),
  'themes/paper/archetypes/default.md': named('the paper theme default'),
  'themes/paper/archetypes/notes/index.md': named('the paper theme, notes bundle'),
  'themes/paper/archetypes/notes/sources.txt': 'Copied as is: {{ .Name }}\n',
  // A theme of the paper theme, after it.
  'themes/paper/hugo.toml': "theme = 'ink'\n",
  'themes/ink/archetypes/recipes.md': named('the ink theme, recipes'),
  // A module import comes before `theme`.
  'themes/widgets/archetypes/docs.md': named('the widgets module, docs'),
  'themes/widgets/archetypes/site.md': 'not a content archetype\n',
  // A type with both a file and a folder archetype: the collection's layout decides.
  'archetypes/talks.md': named('the site, talks file'),
  'archetypes/talks/index.md': named('the site, talks bundle'),
  'archetypes/talks/slides.txt': 'Slides go here.\n',
  'content/talks/kubecon/index.md': '---\ntitle: KubeCon\n---\n',
  'content/talks/fosdem/index.md': '---\ntitle: FOSDEM\n---\n',
  'archetypes/links.md': named('the site, links file'),
  'archetypes/links/index.md': named('the site, links bundle'),
  'content/links/one.md': '---\ntitle: One\n---\n',
};

describeWithTool(
  process.env.HUGO_BIN ?? '/usr/bin/hugo',
  'the archetype of a new entry is the one hugo new picks',
  (hugo) => {
    let repo: { dir: string; cleanup: () => void };
    let hugoSite: { path: string; cleanup: () => void };
    let folio: Awaited<ReturnType<typeof openFolio>>;

    beforeAll(async () => {
      repo = makeFixtureRepo(SITE);
      hugoSite = makeTempDir('folio-hugo-lookup-');
      cpSync(repo.dir, hugoSite.path, { recursive: true, filter: (p) => !p.includes('/.git') });
      folio = await openFolio(repo.dir);
    });
    afterAll(() => {
      repo.cleanup();
      hugoSite.cleanup();
    });

    function hugoNew(path: string): void {
      execFileSync(hugo, ['new', path], {
        cwd: hugoSite.path,
        env: { ...process.env, TZ: 'UTC' },
        stdio: 'pipe',
      });
    }

    async function folioNew(collection: string, slug: string, extra: object = {}) {
      const res = await folio.agent
        .post('/api/entries')
        .send({ collection, slug, utcOffsetMinutes: 0, ...extra })
        .expect(201);
      return res.body.id as string;
    }

    const same = (path: string) =>
      expect(readFileSync(join(repo.dir, path), 'utf8')).toBe(
        readFileSync(join(hugoSite.path, path), 'utf8'),
      );

    it('a folder inside a section takes the section as its type (posts, not posts/2024)', async () => {
      hugoNew('posts/2024/deep-dive.md');
      const listed = (await folio.agent.get('/api/collections').expect(200)).body.items as {
        name: string;
        newEntryPaths: Record<string, string>;
      }[];
      expect(listed.find((c) => c.name === 'posts/2024')?.newEntryPaths).toEqual({
        '': 'content/posts/2024/{slug}.md',
      });
      const preview = await folio.agent
        .get(`/api/collections/${encodeURIComponent('posts/2024')}/new`)
        .query({ slug: 'deep-dive' })
        .expect(200);
      expect(preview.body).toMatchObject({
        path: 'content/posts/2024/deep-dive.md',
        source: 'archetype',
        archetype: 'themes/paper/archetypes/posts.md',
      });
      const id = await folioNew('posts/2024', 'deep-dive');
      expect(id).toBe('content/posts/2024/deep-dive.md');
      same(id);
      const text = readFileSync(join(repo.dir, id), 'utf8');
      expect(text).toContain('from: the paper theme, posts');
      expect(text).toContain('section: "posts"');
      // The declared folder lists and counts the entries below it; its section keeps them too.
      const after = (await folio.agent.get('/api/collections').expect(200)).body.items as {
        name: string;
        count: number;
      }[];
      expect(after.find((c) => c.name === 'posts/2024')?.count).toBe(1);
      expect(after.find((c) => c.name === 'posts')?.count).toBe(2);
      const rows = await folio.agent
        .get('/api/entries')
        .query({ collection: 'posts/2024' })
        .expect(200);
      expect(rows.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    });

    it("a theme's archetype for the type before the site's default, and the site's default before the theme's", async () => {
      hugoNew('posts/first-light.md');
      same(await folioNew('posts', 'first-light'));
      hugoNew('guides/x-y.md');
      const id = await folioNew('guides', 'x-y');
      same(id);
      expect(readFileSync(join(repo.dir, id), 'utf8')).toContain('from: the site default');
    });

    it('a module import before the theme, and the theme of a theme after it', async () => {
      hugoNew('docs/setup.md');
      const docs = await folioNew('docs', 'setup');
      same(docs);
      expect(readFileSync(join(repo.dir, docs), 'utf8')).toContain(
        'from: the widgets module, docs',
      );
      hugoNew('recipes/soup.md');
      const soup = await folioNew('recipes', 'soup');
      same(soup);
      expect(readFileSync(join(repo.dir, soup), 'utf8')).toContain('from: the ink theme, recipes');
    });

    it("a theme's folder archetype makes a page bundle with its other files, in one commit", async () => {
      hugoNew('notes/field-notes');
      const id = await folioNew('notes', 'field-notes');
      expect(id).toBe('content/notes/field-notes/index.md');
      same(id);
      same('content/notes/field-notes/sources.txt');
      const show = execFileSync('git', ['show', '--name-only', '--format=', 'HEAD'], {
        cwd: repo.dir,
        encoding: 'utf8',
      });
      expect(show.trim().split('\n').sort()).toEqual([
        'content/notes/field-notes/index.md',
        'content/notes/field-notes/sources.txt',
      ]);
      expectHealthyRepo(repo.dir);
    });

    it('a single file asked for (bundle: false) skips the folder archetype, as hugo new notes/x.md does', async () => {
      hugoNew('notes/loose.md');
      const id = await folioNew('notes', 'loose', { bundle: false });
      expect(id).toBe('content/notes/loose.md');
      same(id);
      expect(existsSync(join(repo.dir, 'content/notes/loose/sources.txt'))).toBe(false);
      expectHealthyRepo(repo.dir);
    });

    it("a type with a file and a folder archetype follows the collection's layout", async () => {
      // Talks are bundles: hugo new talks/x picks the folder.
      hugoNew('talks/rustconf');
      const talk = await folioNew('talks', 'rustconf');
      expect(talk).toBe('content/talks/rustconf/index.md');
      same(talk);
      same('content/talks/rustconf/slides.txt');
      // Links are plain files: hugo new links/x.md picks the file.
      hugoNew('links/two.md');
      const link = await folioNew('links', 'two');
      expect(link).toBe('content/links/two.md');
      same(link);
      // A bundle asked for in a collection of plain files takes the folder.
      hugoNew('links/three');
      const bundled = await folioNew('links', 'three', { bundle: true });
      expect(bundled).toBe('content/links/three/index.md');
      same(bundled);
      expectHealthyRepo(repo.dir);
    });
  },
);
