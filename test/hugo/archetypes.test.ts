// Folio's new posts from archetypes against `hugo new` on the same site (dates aside).
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { openFolio } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

const SITE: FixtureFiles = {
  'hugo.toml': "baseURL = 'https://example.org/'\ntitle = 'My Site'\n[params]\nauthor = 'Ana'\n",
  'content/.keep': '',
  'archetypes/default.md':
    '+++\ntitle = \'{{ replace .File.ContentBaseName "-" " " | title }}\'\ndate = {{ .Date }}\ndraft = true\n+++\n',
  'archetypes/posts.md': `---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
date: {{ .Date }}
draft: true
author: "{{ .Site.Params.author }}"
site: "{{ .Site.Title }}"
day: {{ now.Format "2006-01-02" }}
{{/* Hugo keeps this line, empty */}}
tags: []
{{- if eq .Section "posts" }}
series: posts
{{- end }}
---

Write about **{{ .Name | humanize }}** here ({{ .File.Path }}).
`,
  'archetypes/notes/index.md': "---\ntitle: '{{ .Name }}'\n---\nA note.\n",
  'archetypes/notes/data.txt': 'copied as is: {{ .Name }}\n',
};

// Timestamps differ by the seconds between the two runs: compare them as placeholders.
const undated = (text: string) =>
  text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})/g, '<now>');

describeWithTool(
  process.env.HUGO_BIN ?? '/usr/bin/hugo',
  'new posts from archetypes agree with hugo new',
  (hugo) => {
    let repo: { dir: string; cleanup: () => void };
    let hugoSite: { path: string; cleanup: () => void };
    let folio: Awaited<ReturnType<typeof openFolio>>;

    beforeAll(async () => {
      repo = makeFixtureRepo(SITE);
      hugoSite = makeTempDir('folio-hugo-new-');
      cpSync(repo.dir, hugoSite.path, { recursive: true, filter: (p) => !p.includes('/.git') });
      folio = await openFolio(repo.dir);
    });
    afterAll(() => {
      repo.cleanup();
      hugoSite.cleanup();
    });

    function hugoNew(path: string): void {
      // `hugo new content` on newer versions; Debian's 0.111 has `hugo new` with the same meaning.
      execFileSync(hugo, ['new', path], {
        cwd: hugoSite.path,
        env: { ...process.env, TZ: 'UTC' },
        stdio: 'pipe',
      });
    }

    async function folioNew(collection: string, slug: string, title: string) {
      const res = await folio.agent
        .post('/api/entries')
        .send({ collection, slug, title, utcOffsetMinutes: 0 })
        .expect(201);
      return res.body.id as string;
    }

    it('a section archetype (YAML): keys, order, values, comment line, if, and body', async () => {
      hugoNew('posts/the-art-of-war.md');
      const id = await folioNew('posts', 'the-art-of-war', 'The Art of War');
      expect(id).toBe('content/posts/the-art-of-war.md');
      const ours = readFileSync(join(repo.dir, id), 'utf8');
      const theirs = readFileSync(join(hugoSite.path, 'content/posts/the-art-of-war.md'), 'utf8');
      expect(undated(ours)).toBe(undated(theirs));
      expect(ours).toContain('author: "Ana"');
    });

    it('the default archetype (TOML) for a section without its own', async () => {
      hugoNew('guides/x-y.md');
      const id = await folioNew('guides', 'x-y', 'X Y');
      const ours = readFileSync(join(repo.dir, id), 'utf8');
      const theirs = readFileSync(join(hugoSite.path, 'content/guides/x-y.md'), 'utf8');
      expect(ours.startsWith('+++\n')).toBe(true);
      expect(undated(ours)).toBe(undated(theirs));
    });

    it('a page-bundle archetype: the folder with its other files copied as they are', async () => {
      hugoNew('notes/my-note');
      const id = await folioNew('notes', 'my-note', 'my-note');
      expect(id).toBe('content/notes/my-note/index.md');
      for (const file of ['index.md', 'data.txt'])
        expect(readFileSync(join(repo.dir, 'content/notes/my-note', file), 'utf8')).toBe(
          readFileSync(join(hugoSite.path, 'content/notes/my-note', file), 'utf8'),
        );
      expectHealthyRepo(repo.dir);
    });

    it('puts the title the editor typed in place of the one made from the file name', async () => {
      const id = await folioNew('posts', 'olá', 'Olá, mundo: "quoted"');
      const text = readFileSync(join(repo.dir, id), 'utf8');
      expect(id).toBe('content/posts/ola.md');
      expect(text.split('\n')[1]).toMatch(/^title: .*Olá, mundo: \\?"quoted/);
      expect(text).toContain('Write about **Ola** here (posts/ola.md).');
    });
  },
);
