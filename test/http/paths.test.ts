import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathError, checkRepoPath } from '../../server/git/paths.ts';
import { buildEntryPath } from '../../server/services/entryPaths.ts';
import type { SiteConfig } from '../../server/services/siteConfig.ts';
import { DEFAULT_DATE_SETTINGS } from '../../server/services/status/hugoDateSettings.ts';
import { slugify } from '../../shared/slugify.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';
import { openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const segmentChar = fc.constantFrom(...'abcXYZ019-_.~ çãé日本\u0301'.split(''));
const segment = fc.string({ unit: segmentChar, minLength: 1, maxLength: 12 });
const CONFIG: SiteConfig = {
  roots: [{ dir: 'content', lang: null }],
  defaultLanguage: 'pt',
  languages: ['pt', 'en'],
  dates: DEFAULT_DATE_SETTINGS,
  source: null,
  siteDir: '',
  mainSections: [],
};

describe('path rules (property tests)', () => {
  it('accepts only paths whose every segment is a safe name, and returns them in NFC', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = segments.join('/');
        let result: string | null = null;
        try {
          result = checkRepoPath(path);
        } catch (err) {
          expect(err).toBeInstanceOf(PathError);
        }
        if (result === null) return;
        expect(result).toBe(path.normalize('NFC'));
        for (const s of result.split('/')) {
          expect(s === '.' || s === '..').toBe(false);
          expect(s.toLowerCase()).not.toBe('.git');
          expect(/[. ]$/.test(s)).toBe(false);
          expect(/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(s.split('.')[0]!.trimEnd())).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects traversal, .git in any case or disguise, backslashes, control characters and device names', () => {
    const bad = [
      '../etc/passwd',
      'content/../../x.md',
      'content/./x.md',
      '.git/config',
      'content/.GIT/config',
      'a/.Git',
      '.git./x',
      '.git /x',
      'GIT~1/config',
      '.g\u200cit/config',
      'content\\blog\\x.md',
      'content/x\u0000.md',
      'content/x\n.md',
      'content/x\u007f.md',
      'content/con.md',
      'content/CON',
      'content/nul.txt.md',
      'content/Com1.md',
      'content/lpt9',
      'content/com0.md',
      'content/PRN',
      'aux/x.md',
      'content/Lpt5.tar.gz',
      'content/a..',
      'content/a.',
      '-/.hidden/..',
      'content/aux .md',
      'content/x.md.',
      '/etc/passwd',
      'content//x.md',
      'content/x.md/',
      'content/a:b.md',
      'content/a?.md',
      '',
    ];
    for (const path of bad)
      expect(() => checkRepoPath(path), JSON.stringify(path)).toThrow(PathError);
  });

  it('accepts plain ASCII paths as they are', () => {
    for (const path of [
      'content/posts/post-000001.md',
      'a/b_c/D-9.tar.gz',
      'console.md',
      'com10/x',
    ])
      expect(checkRepoPath(path)).toBe(path);
  });

  it('stores names in NFC', () => {
    expect(checkRepoPath('content/Sa\u0303o.md')).toBe('content/S\u00e3o.md');
  });

  it('makes slugs of lowercase ASCII words joined by single dashes, idempotently', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 2000 },
    );
    expect(slugify('Combinação Perfeita')).toBe('combinacao-perfeita');
    expect(slugify('Straße in Łódź, Ærø')).toBe('strasse-in-lodz-aero');
    expect(slugify('  Por Que OpenInfraDays NA e SCaLE São uma Combinação Perfeita!  ')).toBe(
      'por-que-openinfradays-na-e-scale-sao-uma-combinacao-perfeita',
    );
  });

  it('builds new entry paths that pass the path rules or refuses with a 400', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.boolean(),
        (collection, title, bundle) => {
          const slug = slugify(title);
          if (!slug) return;
          try {
            const path = buildEntryPath(CONFIG, { collection: collection || 'blog', slug, bundle });
            expect(checkRepoPath(path)).toBe(path);
            expect(path.startsWith('content/')).toBe(true);
            expect(path.endsWith('.md')).toBe(true);
          } catch (err) {
            expect((err as { code?: string }).code).toBe('validation_failed');
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(
      buildEntryPath(CONFIG, { collection: 'blog', slug: 'x', lang: 'en', bundle: false }),
    ).toBe('content/blog/x.en.md');
    expect(
      buildEntryPath(CONFIG, { collection: 'blog', slug: 'x', lang: 'pt', bundle: true }),
    ).toBe('content/blog/x/index.md');
    expect(buildEntryPath(CONFIG, { collection: '.', slug: 'about', bundle: false })).toBe(
      'content/about.md',
    );
  });
});

describe('path attacks over HTTP', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  const attacks = [
    '/api/entries/..%2F..%2F..%2Fetc%2Fpasswd',
    '/api/entries/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/api/entries/%2e%2e/%2e%2e/etc/passwd',
    '/api/entries/content%2F..%2Fhugo.toml',
    '/api/entries/.GIT%2Fconfig',
    '/api/entries/.git/config',
    '/api/entries/content%2Fblog%2Fcon.md',
    '/api/entries/content%5Cblog%5Calpha.md',
    '/api/entries/content%2Fblog%2Falpha.md%00',
    '/api/entries/content%2Fblog%2F%00alpha.md',
    '/api/entries/%E0%A4%A',
    '/api/entries/%2Fetc%2Fpasswd',
  ];

  it('never reads outside the index: 400 for unsafe ids, 404 otherwise', async () => {
    for (const url of attacks) {
      const res = await folio.agent.get(url);
      expect([400, 404], `${url} -> ${res.status}`).toContain(res.status);
      expect(res.body.error.code).toMatch(/validation_failed|not_found/);
      expect(JSON.stringify(res.body)).not.toMatch(/root:|\[core\]/);
    }
  });

  it('never writes outside the index either', async () => {
    const before = commitCount(repo.dir);
    for (const url of attacks) {
      const put = await folio.agent
        .put(url)
        .send({ frontMatter: { title: 'x' }, body: '', baseOid: '0'.repeat(40) });
      expect([400, 404]).toContain(put.status);
      const del = await folio.agent.delete(url).query({ baseOid: '0'.repeat(40) });
      expect([400, 404]).toContain(del.status);
    }
    for (const to of [
      '../x.md',
      'content/../../x.md',
      '.git/hooks/pre-commit.md',
      'content/blog/NUL.md',
      'content\\x.md',
      'content/x\u0000.md',
    ]) {
      const res = await folio.agent
        .post('/api/entries/content%2Fblog%2Falpha.md/move')
        .send({ to, baseOid: '0'.repeat(40) });
      expect(res.status, to).toBe(400);
    }
    for (const slug of ['../../x', '.git', 'con', 'nul']) {
      const res = await folio.agent
        .post('/api/entries')
        .send({ collection: 'blog', slug, frontMatter: {}, body: '' });
      expect([201, 400], slug).toContain(res.status);
      if (res.status === 201) expect(res.body.id).toMatch(/^content\/blog\/[a-z0-9-]+\.md$/);
    }
    for (const collection of ['..', '.git', 'a/b', 'CON', 'x\\y']) {
      await folio.agent
        .post('/api/entries')
        .send({ collection, slug: 'x', frontMatter: {}, body: '' })
        .expect(400);
    }
    expect(commitCount(repo.dir)).toBeGreaterThanOrEqual(before);
  });
});
