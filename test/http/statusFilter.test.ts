import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryListSchema } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('GET /api/entries?status=', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo({
      ...SITE_FIXTURE,
      'hugo.toml': `timeZone = "Europe/Berlin"\n${SITE_FIXTURE['hugo.toml'] as string}`,
      // 09:00 in Berlin is 08:00 UTC: scheduled at 07:59 UTC, published at 08:00.
      'content/blog/launch.md': '---\ntitle: Launch\ndate: 2027-01-12T09:00:00\n---\nSoon.\n',
      'content/blog/old-offer.md':
        '---\ntitle: Old offer\ndate: 2026-01-01\nexpiryDate: 2026-06-30T23:59:00+02:00\n---\nGone.\n',
    });
    folio = await openFolio(repo.dir, { now: () => NOW });
  });
  afterAll(() => repo.cleanup());

  const list = async (query: string) => {
    const res = await folio.agent.get(`/api/entries?limit=500&${query}`).expect(200);
    return EntryListSchema.parse(res.body);
  };
  const ids = async (query: string) => (await list(query)).items.map((e) => e.id).sort();

  it('gives every row its status and, when scheduled or expired, the instant in the site zone', async () => {
    const rows = new Map((await list('')).items.map((e) => [e.id, e]));
    expect(rows.get('content/blog/launch.md')).toMatchObject({
      status: 'scheduled',
      statusAt: '2027-01-12T09:00:00+01:00',
    });
    expect(rows.get('content/blog/old-offer.md')).toMatchObject({
      status: 'expired',
      statusAt: '2026-06-30T23:59:00+02:00',
    });
    expect(rows.get('content/blog/beta.md')).toMatchObject({ status: 'draft' });
    expect(rows.get('content/blog/beta.md')?.statusAt).toBeUndefined();
    expect(rows.get('content/blog/alpha.md')).toMatchObject({ status: 'published' });
    expect(rows.get('content/blog/broken.md')?.status).toBeNull();
  });

  it('filters by one status or several, as a list or a repeated parameter', async () => {
    expect(await ids('status=scheduled')).toEqual(['content/blog/launch.md']);
    expect(await ids('status=draft')).toEqual(['content/blog/beta.md']);
    const two = ['content/blog/beta.md', 'content/blog/old-offer.md'];
    expect(await ids('status=draft,expired')).toEqual(two);
    expect(await ids('status=draft&status=expired')).toEqual(two);
    const published = await list('status=published');
    expect(published.items.every((e) => e.status === 'published')).toBe(true);
    // Everything but the file Folio cannot read has one of the four statuses.
    const all = await list('');
    const every = await list('status=draft,scheduled,published,expired');
    expect(every.total).toBe(all.total - 1);
    expect(published.total).toBe(all.total - 4);
    expect(await ids('status=scheduled&collection=docs')).toEqual([]);
  });

  it('refuses an unknown status, saying which ones exist, and changes nothing', async () => {
    const res = await folio.agent.get('/api/entries?status=live').expect(400);
    expect(JSON.stringify(res.body)).toMatch(/draft.*scheduled.*published.*expired/);
    expect(res.body.error.code).toBe('validation_failed');
    await folio.agent.get('/api/entries?status=').expect(400);
    expectHealthyRepo(repo.dir);
  });
});
