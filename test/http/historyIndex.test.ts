import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitListSchema, HealthSchema } from '../../shared/api/contract.ts';
import { openContext } from '../../server/context.ts';
import { walkFileHistory } from '../../server/git/fileHistory.ts';
import { encodeCursor } from '../../server/services/cursor.ts';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

type Folio = Awaited<ReturnType<typeof openFolio>>;
type Ctx = Folio['ctx'];

/** Every page of a path's history as the commit walk answers it (no index), cursors included. */
async function walkPages(ctx: Ctx, head: string, path: string, limit: number) {
  const pages: { items: { commit: string; id: string }[]; nextCursor: string | null }[] = [];
  let start = [{ commit: head, path }];
  for (;;) {
    const page = await walkFileHistory(ctx.store.objects, start, { limit, maxScan: 2000 });
    const next = page.next?.map((n) => ({ c: n.commit, p: n.path! })) ?? null;
    pages.push({
      items: page.items.map((i) => ({ commit: i.commit.oid, id: i.path })),
      nextCursor: next ? encodeCursor({ i: path, f: next }) : null,
    });
    if (!page.next) return pages;
    start = page.next.map((n) => ({ commit: n.commit, path: n.path! }));
  }
}

/** Every page of an entry's history through the API. */
async function apiPages(folio: Folio, id: string, limit: number) {
  const pages: { items: { commit: string; id: string }[]; nextCursor: string | null }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await folio.agent
      .get(entryUrl(id, '/history'))
      .query(cursor ? { limit, cursor } : { limit })
      .expect(200);
    const page = CommitListSchema.parse(res.body);
    pages.push({
      items: page.items.map((i) => ({ commit: i.commit, id: i.id! })),
      nextCursor: page.nextCursor,
    });
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
}

/** Every path any commit ever had (to compare deleted and renamed files too). */
function allPaths(dir: string): string[] {
  const out = gitCli(dir, ['log', '--all', '--format=', '--name-only', '--no-renames']);
  return [...new Set(out.split('\n').filter(Boolean))].sort();
}

/** Compares index and walk for every path; returns how many lookups the index answered itself. */
async function expectSameAnswers(folio: Folio, dir: string): Promise<number> {
  const ctx = folio.ctx;
  const head = gitCli(dir, ['rev-parse', 'HEAD']);
  expect(await ctx.historyIndex.update()).toBe(true);
  expect(ctx.historyIndex.progress(head).ready).toBe(true);
  let answered = 0;
  for (const path of allPaths(dir)) {
    for (const limit of [1, 2, 20]) {
      const expected = await walkPages(ctx, head, path, limit);
      // The index itself, from the head and from every cursor of the walk.
      let start = [{ commit: head, path }];
      for (const page of expected) {
        const got = await ctx.historyIndex.history(start, limit, (s, n) =>
          walkFileHistory(ctx.store.objects, s, { limit: n, maxScan: 2000 }),
        );
        expect(got, `${path} limit ${limit}`).not.toBeNull();
        answered++;
        expect({
          items: got!.items.map((i) => ({ commit: i.commit.oid, id: i.path })),
          next: got!.next,
        }).toEqual({
          items: page.items,
          next: page.nextCursor
            ? (
                JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString()) as {
                  f: { c: string; p: string }[];
                }
              ).f.map((f) => ({ commit: f.c, path: f.p }))
            : null,
        });
        if (!got!.next) break;
        start = got!.next.map((n) => ({ commit: n.commit, path: n.path! }));
      }
    }
  }
  // And through the API for the entries at the head (items, order, ids and cursors).
  const entries = (await folio.agent.get('/api/entries').query({ limit: 200 }).expect(200)).body
    .items as { id: string }[];
  for (const { id } of entries)
    for (const limit of [2, 20])
      expect(await apiPages(folio, id, limit)).toEqual(await walkPages(ctx, head, id, limit));
  return answered;
}

describe('history index', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Folio;
  const git = (...args: string[]) => gitCli(repo.dir, args);
  const head = () => git('rev-parse', 'HEAD');

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('answers exactly as the commit walk across renames, deletes, merges, outside commits and a rewritten history', async () => {
    const alpha = 'content/blog/alpha.md';
    await folio.agent
      .patch(entryUrl(alpha))
      .send({ set: { draft: true } })
      .expect(200);
    await folio.agent
      .patch(entryUrl('content/blog/beta.md'))
      .send({ set: { draft: false } })
      .expect(200);
    await folio.agent
      .post(entryUrl(alpha, '/move'))
      .send({ to: 'content/blog/alpha-renamed.md', baseOid: git('rev-parse', `HEAD:${alpha}`) })
      .expect(200);
    await expectSameAnswers(folio, repo.dir);

    // Outside: an edit, a new post, a delete, then a rename with an edit (similarity).
    commitOutside(
      repo.dir,
      {
        'content/blog/alpha-renamed.md': `${readFileSync(join(repo.dir, 'content/blog/alpha-renamed.md'), 'utf8')}More.\n`,
      },
      'Edit outside',
    );
    commitOutside(
      repo.dir,
      { 'content/blog/delta.md': '---\ntitle: Delta\n---\nOne.\nTwo.\nThree.\n' },
      'Add delta',
    );
    git('rm', '-q', 'content/blog/gamma.en.md');
    git('commit', '-q', '-m', 'Delete gamma');
    git('mv', 'content/blog/delta.md', 'content/docs/delta.md');
    commitOutside(
      repo.dir,
      { 'content/docs/delta.md': '---\ntitle: Delta\n---\nOne.\nTwo.\nThree.\nFour.\n' },
      'Move and edit delta',
    );
    // A folder of 40 posts moved at once (rename sources then found at lookup time), one edited.
    const bulk = Object.fromEntries(
      Array.from({ length: 40 }, (_, n) => [
        `content/bulk/p${n}.md`,
        `---\ntitle: P${n}\n---\nPost ${n}.\n`,
      ]),
    );
    commitOutside(repo.dir, bulk, 'Add 40 posts');
    git('mv', 'content/bulk', 'content/moved');
    commitOutside(
      repo.dir,
      { 'content/moved/p3.md': '---\ntitle: P3\n---\nPost 3.\nEdited.\n' },
      'Move the folder',
    );
    // A merge: the side branch changes intro, main changes about; then one more both sides touch.
    git('checkout', '-q', '-b', 'side');
    commitOutside(
      repo.dir,
      { 'content/docs/intro.md': '---\ntitle: Intro\n---\nFrom the side.\n' },
      'Side: intro',
    );
    commitOutside(
      repo.dir,
      { 'content/blog/epsilon.md': '---\ntitle: Epsilon\n---\nSide post.\n' },
      'Side: epsilon',
    );
    git('checkout', '-q', 'main');
    commitOutside(
      repo.dir,
      { 'content/about.md': '---\ntitle: Sobre\n---\nQuem somos, de novo.\n' },
      'Main: about',
    );
    git('merge', '-q', '--no-ff', '-m', 'Merge side', 'side');
    expect(git('rev-list', '--min-parents=2', '--count', 'HEAD')).toBe('1');
    await folio.agent
      .patch(entryUrl('content/docs/intro.md'))
      .send({ set: { draft: true } })
      .expect(200);
    const beforeRewrite = await expectSameAnswers(folio, repo.dir);
    expect(beforeRewrite).toBeGreaterThan(0);

    // Rewritten history: back three commits, then new ones (outside and through Folio).
    const abandoned = head();
    git('reset', '-q', '--hard', 'HEAD~3');
    commitOutside(
      repo.dir,
      { 'content/blog/zeta.md': '---\ntitle: Zeta\n---\nNew line of history.\n' },
      'Zeta after reset',
    );
    await folio.agent
      .patch(entryUrl('content/blog/zeta.md'))
      .send({ set: { featured: true } })
      .expect(200);
    await folio.agent
      .patch(entryUrl('content/blog/beta.md'))
      .send({ set: { draft: true } })
      .expect(200);
    await expectSameAnswers(folio, repo.dir);
    // The abandoned commits are gone from the index: a cursor there is answered by the walk.
    expect(folio.ctx.historyIndex.progress(abandoned).ready).toBe(false);
  });

  it('follows Folio commits without being asked, and reports progress in /api/health', async () => {
    await folio.agent
      .patch(entryUrl('content/blog/beta.md'))
      .send({ set: { pinned: true } })
      .expect(200);
    const committed = head();
    await expect
      .poll(() => folio.ctx.historyIndex.progress(committed).ready, { timeout: 5000 })
      .toBe(true);
    const health = HealthSchema.parse((await folio.agent.get('/api/health').expect(200)).body);
    expect(health.head).toBe(committed);
    const count = Number(git('rev-list', '--first-parent', '--count', 'HEAD'));
    expect(health.historyIndex).toEqual({ ready: true, indexed: count, total: count });
  });

  it('is persisted: a restart loads it and indexes only the new commits; a torn log is cut and redone', async () => {
    const before = Number(git('rev-list', '--first-parent', '--count', 'HEAD'));
    await folio.ctx.historyIndex.update();
    const file = join(folio.ctx.dataDir, 'history-index', 'log.jsonl');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(before + 1);

    commitOutside(
      repo.dir,
      { 'content/blog/eta.md': '---\ntitle: Eta\n---\nWhile stopped.\n' },
      'Eta while stopped',
    );
    commitOutside(
      repo.dir,
      { 'content/blog/eta.md': '---\ntitle: Eta\n---\nStill stopped.\n' },
      'Eta again',
    );
    const restarted = await openFolio(repo.dir);
    expect(await restarted.ctx.historyIndex.update()).toBe(true);
    expect(restarted.ctx.historyIndex.stats.diffed).toBe(2);
    expect(restarted.ctx.historyIndex.progress(head()).indexed).toBe(before + 2);
    await expectSameAnswers(restarted, repo.dir);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(before + 3);

    // A torn last line (a crash mid-append): the next start keeps the intact lines and redoes one.
    appendFileSync(file, '{"c":"0123');
    const third = await openFolio(repo.dir);
    expect(await third.ctx.historyIndex.update()).toBe(true);
    expect(third.ctx.historyIndex.stats.diffed).toBe(0);
    await expectSameAnswers(third, repo.dir);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(before + 3);
    // A log from another history (a different repository's file): rebuilt from scratch.
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(/"c":"[0-9a-f]{40}"/, `"c":"${'1'.repeat(40)}"`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, lines.join('\n'));
    const fourth = await openContext({ repo: repo.dir, historyIndexDelayMs: 60_000 });
    expect(await fourth.historyIndex.update()).toBe(true);
    expect(fourth.historyIndex.stats.diffed).toBe(before + 2);
  });
});
