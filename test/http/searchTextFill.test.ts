import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitStore } from '../../server/git/GitStore.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { EntryIndex } from '../../server/services/EntryIndex.ts';
import { summarizeDocument } from '../../server/services/summarizeDocument.ts';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const ALPHA = 'content/blog/alpha.md';

describe('search texts filled in after a full build', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function setup(): string {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    return repo.dir;
  }
  async function openIndex(dir: string): Promise<EntryIndex> {
    return new EntryIndex(await GitStore.open(await locateRepository(dir)));
  }
  function searchTexts(snapshot: Awaited<ReturnType<EntryIndex['current']>>) {
    return new Map([...snapshot.entries.values()].map((e) => [e.id, e.doc.search]));
  }

  it('answers the first list before the texts exist, then makes each as an eager parse would', async () => {
    const dir = setup();
    const index = await openIndex(dir);
    const first = await index.current();
    // The parsed files wait for their text; the unparseable one keeps its whole text at once.
    expect(first.entries.get(ALPHA)!.doc.search).toBeNull();
    expect(first.entries.get('content/blog/broken.md')!.doc.search).toContain('broken');

    const ready = await index.searchable();
    expect(ready).toBe(first);
    for (const [id, search] of searchTexts(ready)) {
      const eager = summarizeDocument(readFileSync(join(dir, id)));
      expect(search, id).toBe(eager.search);
    }
    expect(ready.entries.get(ALPHA)!.doc.search).toContain('alpha: combinacao perfeita\n');
  });

  it('keeps the filled summaries by blob: a file changed and changed back is parsed once', async () => {
    const dir = setup();
    const original = readFileSync(join(dir, ALPHA), 'utf8');
    const index = await openIndex(dir);
    await index.searchable();
    const built = index.stats.parsed;
    commitOutside(dir, { [ALPHA]: original.replace('kubernetes', 'nomad') }, 'Edit');
    await index.current();
    expect(index.stats.parsed).toBe(built + 1);
    commitOutside(dir, { [ALPHA]: original }, 'Revert');
    const reverted = await index.searchable();
    expect(index.stats.parsed).toBe(built + 1);
    expect(reverted.entries.get(ALPHA)!.doc.search).toContain('kubernetes');
  });

  it('makes the text of the committed version when the file is edited before the fill', async () => {
    const dir = setup();
    const committed = readFileSync(join(dir, ALPHA));
    const index = await openIndex(dir);
    await index.current();
    // Same length, other words: the working-tree copy no longer is the blob the entry lists.
    writeFileSync(join(dir, ALPHA), committed.toString().replace('kubernetes', 'mesosphere'));
    const ready = await index.searchable();
    const search = ready.entries.get(ALPHA)!.doc.search!;
    expect(search).toContain('kubernetes');
    expect(search).not.toContain('mesosphere');
  });

  it('answers a search sent right after the start with every match', async () => {
    const dir = setup();
    const folio = await openFolio(dir);
    cleanups.push(() => void folio.ctx.close());
    // No warm-up: the first request builds the index and the search waits for its texts.
    const res = await folio.agent.get('/api/entries?q=kubernetes').expect(200);
    expect((res.body.items as { id: string }[]).map((e) => e.id)).toEqual([ALPHA]);
    const body = await folio.agent.get('/api/entries?q=start%20here').expect(200);
    expect((body.body.items as { id: string }[]).map((e) => e.id)).toEqual([
      'content/docs/intro.md',
    ]);
  });
});
