import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntryListQuery } from '../../shared/api/contract.ts';
import { GitStore } from '../../server/git/GitStore.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { EntryIndex } from '../../server/services/EntryIndex.ts';
import { loadEntryCache, saveEntryCache } from '../../server/services/entryCache.ts';
import { listEntries } from '../../server/services/listEntries.ts';
import { commitOutside, makeBareClone, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const ALPHA = 'content/blog/alpha.md';
const QUERIES: Partial<EntryListQuery>[] = [
  {},
  { sort: 'title' },
  { q: 'kubernetes' },
  { tag: 'go' },
  { flag: [{ name: 'featured', on: true }] },
  { lang: 'en' },
  { collection: 'docs' },
];

describe('the persisted entry index and working-tree reads', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function setup() {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    return { dir: repo.dir, cacheFile: join(repo.dir, '.git', 'folio', 'entry-cache.v8') };
  }
  async function openIndex(dir: string, cacheFile?: string) {
    const store = await GitStore.open(await locateRepository(dir));
    return new EntryIndex(store, cacheFile ? { cacheFile, saveDelayMs: 10 } : {});
  }
  async function lists(index: EntryIndex) {
    // Searchable: a cold build fills in its search texts just after it answers.
    const snapshot = await index.searchable();
    return QUERIES.map((q) => listEntries(snapshot, { sort: '-date', limit: 50, ...q }));
  }

  it('writes the cache in the git directory after a full build and restarts without parsing', async () => {
    const { dir, cacheFile } = setup();
    const cold = await openIndex(dir, cacheFile);
    const coldLists = await lists(cold);
    expect(cold.stats).toEqual({ parsed: 9, restored: false });
    // The answer does not wait for the cache; it is written right after, or at close.
    expect(existsSync(cacheFile)).toBe(false);
    await cold.flush();
    expect(existsSync(cacheFile)).toBe(true);
    expect(gitCli(dir, ['status', '--porcelain'])).toBe('');

    const warm = await openIndex(dir, cacheFile);
    const warmLists = await lists(warm);
    expect(warm.stats).toEqual({ parsed: 0, restored: true });
    expect(warm.workingTreeStats).toEqual({ hits: 0, misses: 0 });
    // Same answers, and the same entries down to the parsed front matter.
    expect(warmLists).toEqual(coldLists);
    const none = await openIndex(dir);
    expect(await lists(none)).toEqual(coldLists);
    expect([...(await warm.current()).entries.values()]).toEqual([
      ...(await none.current()).entries.values(),
    ]);
  });

  it('serves what the cache says for an unchanged blob (the cache is really used) and re-reads changed files', async () => {
    const { dir, cacheFile } = setup();
    const first = await openIndex(dir, cacheFile);
    await first.current();
    await first.flush();
    const cached = (await loadEntryCache(cacheFile))!;
    const alphaOid = cached.files.find(([path]) => path === ALPHA)![1];
    cached.docs = cached.docs.map(([oid, doc]) => [
      oid,
      oid === alphaOid ? { ...doc, title: 'Poisoned by the cache' } : doc,
    ]);
    await saveEntryCache(cacheFile, cached);
    // The head moves outside Folio after the cache was written: only the changed file is parsed.
    commitOutside(dir, { 'content/blog/beta.md': '---\ntitle: Beta 2\n---\nNew.\n' }, 'Edit beta');

    const folio = await openFolio(dir);
    const res = await folio.agent.get('/api/entries?sort=title').expect(200);
    const titles = (res.body.items as { id: string; title: string }[]).map((e) => [e.id, e.title]);
    expect(titles).toContainEqual([ALPHA, 'Poisoned by the cache']);
    expect(titles).toContainEqual(['content/blog/beta.md', 'Beta 2']);
  });

  it('counts one parse for a file changed between runs', async () => {
    const { dir, cacheFile } = setup();
    const first = await openIndex(dir, cacheFile);
    await first.current();
    await first.flush();
    commitOutside(dir, { 'content/blog/beta.md': '---\ntitle: Beta 3\n---\nNew.\n' }, 'Edit beta');
    const index = await openIndex(dir, cacheFile);
    const snapshot = await index.current();
    expect(index.stats).toEqual({ parsed: 1, restored: true });
    expect(snapshot.entries.get('content/blog/beta.md')!.doc.title).toBe('Beta 3');
    // The change is persisted (debounced) for the next start.
    await index.flush();
    const next = await openIndex(dir, cacheFile);
    await next.current();
    expect(next.stats).toEqual({ parsed: 0, restored: true });
  });

  it('round-trips thousands of summaries, written a frame at a time', async () => {
    const { dir, cacheFile } = setup();
    const index = await openIndex(dir, cacheFile);
    await index.current();
    await index.flush();
    const small = (await loadEntryCache(cacheFile))!;
    const [oid0, doc0] = small.docs[0]!;
    // 2,500 summaries: more than two frames, each search text distinct.
    const docs = Array.from({ length: 2500 }, (_, i): [string, typeof doc0] => [
      oid0.slice(0, 34) + i.toString(16).padStart(6, '0'),
      { ...doc0, title: `Post ${i}`, search: `post ${i} ${'x'.repeat(i % 50)}` },
    ]);
    await saveEntryCache(cacheFile, { ...small, docs });
    const back = (await loadEntryCache(cacheFile))!;
    expect(back.docs).toEqual(docs);
    expect(back.files).toEqual(small.files);
  });

  it.each([
    ['flags missing', { flags: undefined }],
    ['a flag not a string', { flags: [1] }],
    ['instants not numbers', { instants: { date: 'soon' } }],
    ['wallTimes an array', { wallTimes: [] }],
    ['no dateValue', { dateValue: undefined }],
    ['a tag not a string', { tags: [null] }],
    ['an error without a message', { error: { line: 1 } }],
  ])('refuses a cache whose summary has %s (written by another shape)', async (_what, spoil) => {
    const { dir, cacheFile } = setup();
    const index = await openIndex(dir, cacheFile);
    await index.current();
    await index.flush();
    const good = (await loadEntryCache(cacheFile))!;
    const [oid, doc] = good.docs[0]!;
    const bad = { ...doc, ...spoil } as unknown as typeof doc;
    await saveEntryCache(cacheFile, { ...good, docs: [[oid, bad], ...good.docs.slice(1)] });
    expect(await loadEntryCache(cacheFile)).toBeNull();
    await saveEntryCache(cacheFile, good);
    expect(await loadEntryCache(cacheFile)).not.toBeNull();
  });

  it.each([
    ['garbage', () => Buffer.from('not a cache at all')],
    ['truncated', (good: Buffer) => good.subarray(0, Math.floor(good.length / 2))],
    [
      'bit-flipped',
      (good: Buffer) => Buffer.from(good.map((b, i) => (i === good.length - 5 ? b ^ 1 : b))),
    ],
    ['empty', () => Buffer.alloc(0)],
  ])('ignores a %s cache file and rebuilds it', async (_name, spoil) => {
    const { dir, cacheFile } = setup();
    const first = await openIndex(dir, cacheFile);
    const reference = await lists(first);
    await first.flush();
    writeFileSync(cacheFile, spoil(readFileSync(cacheFile)));
    expect(await loadEntryCache(cacheFile)).toBeNull();

    const folio = await openFolio(dir);
    const res = await folio.agent.get('/api/entries').expect(200);
    expect(res.body.total).toBe(9);
    await folio.ctx.close();
    const index = await openIndex(dir, cacheFile);
    expect(await lists(index)).toEqual(reference);
    // openFolio rebuilt the file: this start used it.
    expect(index.stats).toEqual({ parsed: 0, restored: true });
    expect(await loadEntryCache(cacheFile)).not.toBeNull();
  });

  it('lists the committed version, not uncommitted or staged edits in the working tree', async () => {
    const { dir } = setup();
    writeFileSync(join(dir, ALPHA), '---\ntitle: Uncommitted\nfeatured: false\n---\nDraft.\n');
    writeFileSync(join(dir, 'content/blog/beta.md'), '+++\ntitle = "Staged"\n+++\nStaged body.\n');
    gitCli(dir, ['add', 'content/blog/beta.md']);
    const folio = await openFolio(dir);
    const res = await folio.agent.get('/api/entries?sort=title').expect(200);
    const byId = new Map((res.body.items as { id: string }[]).map((e) => [e.id, e]));
    expect(byId.get(ALPHA)).toMatchObject({
      title: 'Alpha: Combinação Perfeita',
      flags: ['featured'],
    });
    expect(byId.get('content/blog/beta.md')).toMatchObject({ title: 'Beta', draft: true });
    expect((await folio.agent.get('/api/entries?q=draft').expect(200)).body.total).toBe(0);
    // Opening an entry reads the committed blob too, from the object store when the file differs.
    const alpha = await folio.agent.get(`/api/entries/${encodeURIComponent(ALPHA)}`).expect(200);
    expect(alpha.body.frontMatter).toMatchObject({ title: 'Alpha: Combinação Perfeita' });
    expect(alpha.body.body).not.toContain('Draft.');
    const gamma = await folio.agent.get('/api/entries').expect(200);
    const clean = (gamma.body.items as { id: string }[]).find(
      (e) => e.id !== ALPHA && e.id !== 'content/blog/beta.md',
    )!;
    const read = await folio.agent.get(`/api/entries/${encodeURIComponent(clean.id)}`).expect(200);
    expect(read.body.oid).toBe(gitCli(dir, ['rev-parse', `HEAD:${clean.id}`]));

    const index = await openIndex(dir);
    await index.current();
    // The two edited files came from the object store, the seven others from the working tree.
    expect(index.workingTreeStats).toEqual({ hits: 7, misses: 2 });
  });

  it('reads a bare repository from its objects', async () => {
    const { dir } = setup();
    const bare = makeBareClone(dir);
    const index = await openIndex(bare, join(bare, 'folio', 'entry-cache.v8'));
    const bareLists = await lists(index);
    expect(index.workingTreeStats).toEqual({ hits: 0, misses: 0 });
    expect(bareLists).toEqual(await lists(await openIndex(dir)));
  });
});
