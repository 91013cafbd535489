import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitCli } from '../support/gitCli.ts';
import { cloneShape, makeHistorySource, openShape } from '../support/repoShapes.ts';
import { entryUrl } from '../support/siteFixture.ts';

// A bare partial clone (git clone --bare --filter=blob:none) has no blob at all, not even the
// head's: git fetches them when asked, Folio does not. The list still answers, each post marked
// unreadable with the reason, and opening one says what is missing instead of a 500.

describe('a bare partial clone (--bare --filter=blob:none)', () => {
  let source: ReturnType<typeof makeHistorySource>;
  let folio: Awaited<ReturnType<typeof openShape>>;
  let dir: string;

  beforeAll(async () => {
    source = makeHistorySource();
    dir = cloneShape(source.dir, 'partial.git', ['--bare', '--filter=blob:none']);
    folio = await openShape(dir);
  });
  afterAll(() => source.cleanup());

  it('lists the posts as unreadable, saying why, and answers 404 object_unavailable for one', async () => {
    const missing = gitCli(dir, ['rev-list', '--objects', '--all', '--missing=print'])
      .split('\n')
      .filter((l) => l.startsWith('?'));
    expect(missing.length).toBeGreaterThan(0);
    const list = await folio.agent.get('/api/entries').expect(200);
    const a = list.body.items.find((i: { id: string }) => i.id === 'content/blog/a.md');
    expect(a).toBeDefined();
    expect(a.error).toMatch(/not in this partial clone/);
    const res = await folio.agent.get(entryUrl('content/blog/a.md')).expect(404);
    expect(res.body.error.details).toMatchObject({ reason: 'object_unavailable' });
    // Nothing was fetched behind git's back.
    expect(
      gitCli(dir, ['rev-list', '--objects', '--all', '--missing=print'])
        .split('\n')
        .filter((l) => l.startsWith('?')),
    ).toEqual(missing);
  });
});
