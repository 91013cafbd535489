// Hugo decides what a site publishes: Folio's status of every page must be Hugo's, at the same
// clock, around a DST transition, with a [frontmatter] config and dates with and without offsets.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EntryListSchema, type EntrySummary } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { openFolio } from '../support/siteFixture.ts';

const HUGO = process.env.HUGO_BIN ?? '/usr/bin/hugo';

const post = (fm: string) => `---\ntitle: Post\n${fm}\n---\nBody.\n`;
const SITE = {
  'hugo.toml': [
    'baseURL = "https://example.org/"',
    'title = "Status"',
    'timeZone = "America/New_York"',
    '[frontmatter]',
    'publishDate = ["goLive", ":filename", ":default"]',
    '',
  ].join('\n'),
  'layouts/_default/single.html': '{{ .Title }}\n',
  'layouts/_default/list.html': '{{ .Title }}\n',
  'layouts/index.html': 'home\n',
  // 01:30 in New York on 1 November 2026 happens twice; Hugo (Go) takes the first (EDT).
  'content/posts/first-pass.md': post('date: 2026-11-01T01:30:00'),
  'content/posts/later-that-hour.md': post('date: 2026-11-01T01:50:00'),
  'content/posts/with-offset.md': post('publishDate: 2026-11-01T01:40:00-05:00'),
  'content/posts/expires-in-the-hour.md': post('date: 2026-01-01\nexpiryDate: 2026-11-01T01:40:00'),
  'content/posts/expires-later.md': post('date: 2026-01-01\nexpiryDate: 2026-11-01T01:50:00'),
  'content/posts/a-draft.md': post('date: 2020-01-01\ndraft: true'),
  'content/posts/go-live-key.md': post('date: 2020-01-01\ngoLive: 2026-11-02'),
  'content/posts/2026-11-02-from-file-name.md': post('description: no date key'),
  'content/posts/in-the-gap.md': post('date: 2027-03-14T02:30:00'),
  'content/posts/toml-local.md': '+++\ntitle = "Toml"\ndate = 2026-11-01T01:35:00\n+++\nBody.\n',
  'content/posts/json-date.md': '{\n  "title": "Json",\n  "date": "2026-10-31"\n}\nBody.\n',
  'content/posts/alias-expired.md': post('date: 2026-01-01\nunpublishdate: 2026-10-31T23:59:00'),
  'content/posts/capital-key.md': post('PublishDate: 2030-01-01'),
  'content/posts/day-only-expiry.md': post('date: 2026-10-01\nexpiryDate: 2026-11-01'),
  // Hugo's undocumented `published`: false is a draft, and `draft` wins when both are there.
  'content/posts/published-false.md': post('date: 2020-01-01\npublished: false'),
  'content/posts/draft-wins.md': post('date: 2020-01-01\ndraft: false\npublished: false'),
  'content/posts/published-date.md': post('published: 2020-01-02'),
};

// The same site with Hugo's build options on: a build publishes what the status says it would not.
const withBuild = (options: string) => ({
  ...SITE,
  'hugo.toml': SITE['hugo.toml'].replace('[frontmatter]', `${options}\n[frontmatter]`),
});

// A page's line of `hugo list`: not its header, nor a warning it prints among them (Hugo 0.111
// warns there about a page with both `draft` and `published`).
const isRow = (line: string) =>
  line !== '' && !line.startsWith('path,') && !line.startsWith('WARN ');

/** Hugo's pages and their dates, and its drafts, future and expired lists, at `clock`. */
function hugoView(site: string, clock: string) {
  const list = (what: string): Set<string> =>
    new Set(
      execFileSync(HUGO, ['list', what, '--clock', clock, '--source', site], { encoding: 'utf8' })
        .split('\n')
        .filter(isRow)
        .map((line) => line.split(',')[0]!),
    );
  const rows = execFileSync(HUGO, ['list', 'all', '--clock', clock, '--source', site], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .filter(isRow)
    .map((line) => line.split(','));
  const dates = new Map(rows.map((r) => [r[0]!, { expiry: r[4]!, publish: r[5]! }]));
  return {
    all: list('all'),
    drafts: list('drafts'),
    future: list('future'),
    expired: list('expired'),
    dates,
  };
}

/** The posts Hugo renders at `clock`, by content path. */
function rendered(site: string, clock: string, out: string): Set<string> {
  execFileSync(HUGO, ['--clock', clock, '--source', site, '--destination', out, '--quiet'], {
    stdio: 'pipe',
  });
  return new Set(
    Object.keys(SITE)
      .filter((p) => p.startsWith('content/posts/'))
      // :filename also takes the slug from the name, without its date.
      .filter((p) => {
        const slug = p
          .split('/')
          .pop()!
          .replace(/\.md$/, '')
          .replace(/^\d{4}-\d{2}-\d{2}-/, '');
        return existsSync(join(out, 'posts', slug, 'index.html'));
      }),
  );
}

describeWithTool(HUGO, 'a build with buildDrafts, buildFuture or buildExpired', (hugo) => {
  const clock = '2026-11-01T05:45:00Z';
  const cases = [
    'buildFuture = true',
    'buildExpired = true',
    'buildDrafts = true',
    'buildFuture = true\nbuildExpired = true\nbuildDrafts = true',
  ];
  const repos: ReturnType<typeof makeFixtureRepo>[] = [];
  let out: string;
  beforeAll(() => {
    expect(hugo).toBe(HUGO);
    out = mkdtempSync(join(tmpdir(), 'folio-hugo-build-'));
  });
  afterAll(() => {
    repos.forEach((repo) => repo.cleanup());
    if (out) rmSync(out, { recursive: true, force: true });
  });

  for (const [k, options] of cases.entries()) {
    it(`keeps the status and says what "${options.replaceAll('\n', ', ')}" builds`, async () => {
      const repo = makeFixtureRepo(withBuild(options));
      repos.push(repo);
      const folio = await openFolio(repo.dir, { now: () => new Date(clock) });
      const body = (await folio.agent.get('/api/entries').query({ limit: 500 }).expect(200)).body;
      const items = EntryListSchema.parse(body).items;
      const built = rendered(repo.dir, clock, join(out, String(k)));
      // Hugo builds exactly the published entries and those the config's options build anyway.
      expect(
        new Set(items.filter((e) => e.status === 'published' || e.builtBy).map((e) => e.id)),
      ).toEqual(built);
      // The status stays the editorial one: without the options these are not published.
      const plain = hugoView(repo.dir, clock);
      for (const entry of items) {
        if (!entry.builtBy) continue;
        expect(entry.status).not.toBe('published');
        const option = { draft: 'buildDrafts', scheduled: 'buildFuture', expired: 'buildExpired' };
        expect(entry.builtBy).toContain(option[entry.status as keyof typeof option]);
        expect(options).toContain(entry.builtBy[0]!);
      }
      expect(items.some((e) => e.builtBy)).toBe(true);
      expect([...plain.all].filter((id) => !items.some((e) => e.id === id))).toEqual([]);
      expect(plain.all.size).toBe(items.length);
    });
  }
});

describeWithTool(HUGO, "Folio's entry status is Hugo's", (hugo) => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let out: string;
  beforeAll(() => {
    expect(hugo).toBe(HUGO);
    repo = makeFixtureRepo(SITE);
    out = mkdtempSync(join(tmpdir(), 'folio-hugo-status-'));
  });
  afterAll(() => {
    repo?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  for (const clock of ['2026-11-01T05:45:00Z', '2027-03-14T06:30:00Z', '2026-06-01T00:00:00Z']) {
    it(`agrees at ${clock}`, async () => {
      const folio = await openFolio(repo.dir, { now: () => new Date(clock) });
      const body = (await folio.agent.get('/api/entries').query({ limit: 500 }).expect(200)).body;
      const items = new Map<string, EntrySummary>(
        EntryListSchema.parse(body).items.map((e) => [e.id, e]),
      );
      const view = hugoView(repo.dir, clock);
      const status = (id: string) => items.get(id)?.status;
      const posts = [...view.all];
      expect(posts.length).toBe(
        Object.keys(SITE).filter((p) => p.startsWith('content/posts/')).length,
      );
      // Hugo's future list leaves out expired pages, as Folio's precedence does.
      expect(new Set(posts.filter((p) => status(p) === 'draft'))).toEqual(view.drafts);
      expect(new Set(posts.filter((p) => status(p) === 'scheduled'))).toEqual(view.future);
      expect(new Set(posts.filter((p) => status(p) === 'expired'))).toEqual(view.expired);
      // The pages Hugo renders are exactly the published ones.
      const built = rendered(repo.dir, clock, join(out, clock.replace(/:/g, '')));
      expect(new Set(posts.filter((p) => status(p) === 'published'))).toEqual(built);
      // The instants agree too, written the way Hugo writes them (its zone's offset).
      for (const id of posts) {
        const entry = items.get(id)!;
        if (entry.status === 'scheduled')
          expect(entry.statusAt, id).toBe(view.dates.get(id)!.publish);
        if (entry.status === 'expired') expect(entry.statusAt, id).toBe(view.dates.get(id)!.expiry);
      }
      // The fixture covers every status at the first clock.
      if (clock.startsWith('2026-11-01'))
        expect(new Set([...items.values()].map((e) => e.status))).toEqual(
          new Set(['draft', 'scheduled', 'published', 'expired']),
        );
    });
  }
});
