import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import type { FixtureFiles } from './fixtureRepo.ts';
import { loginAgent } from './loginAgent.ts';

/** A small bilingual Hugo site with YAML, TOML and JSON front matter, a page bundle, a section page and a broken file. */
export const SITE_FIXTURE: FixtureFiles = {
  'hugo.toml':
    'title = "Fixture"\ndefaultContentLanguage = "pt"\n[languages.pt]\nweight = 1\n[languages.en]\nweight = 2\n',
  'content/about.md': '---\ntitle: Sobre\n---\nQuem somos.\n',
  'content/blog/_index.md': '---\ntitle: Blog\n---\n',
  'content/blog/alpha.md':
    '---\ntitle: "Alpha: Combinação Perfeita"\ndate: 2025-01-10T10:00:00-03:00\ndraft: false\nfeatured: true # keep\npinned: false\ntags:\n  - Go\n  - Rust\ncategories: [news]\nauthors:\n  - Ana\n---\n\nAlpha body mentions kubernetes.\n',
  'content/blog/beta.md':
    '+++\ntitle = "Beta"\ndate = 2024-05-01T09:00:00Z\ndraft = true\nfeatured = false\ntags = ["Rust"]\ncategories = ["releases"]\n+++\n\nBeta body.\n',
  'content/blog/gamma.en.md':
    '{\n  "title": "Gamma",\n  "date": "2023-03-03",\n  "tags": ["Go"],\n  "pinned": true\n}\n\nGamma body in English.\n',
  'content/blog/bundle/index.md':
    '---\ntitle: Bundle\ndate: 2022-02-02\nimages: [cover.png]\n---\nWith an image.\n',
  'content/blog/bundle/cover.png': Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0,
  ]),
  'content/blog/broken.md': '---\ntitle: "Broken\ndate: 2020-01-01\n',
  'content/docs/_index.md': '---\ntitle: Docs\n---\n',
  'content/docs/intro.md': '---\ntitle: Intro\ndate: 2021-01-01\n---\nStart here.\n',
  'layouts/index.html': '<h1>{{ .Title }}</h1>\n',
};

/** The API path of an entry (its id travels as one encoded segment). */
export function entryUrl(id: string, suffix = ''): string {
  return `/api/entries/${encodeURIComponent(id)}${suffix}`;
}

/** Folio opened on `repo`, with an app and an agent signed in as the test editor. */
export async function openFolio(
  repo: string,
  options: { now?: () => Date; siteDir?: string } = {},
) {
  const ctx: FolioContext = await openContext({
    repo,
    now: options.now,
    siteDir: options.siteDir,
  });
  const app: Express = createApp(ctx);
  const agent = await loginAgent(app, ctx);
  return { ctx, app, agent, anonymous: request(app) };
}
