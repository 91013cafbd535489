import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitDetailSchema,
  CommitListSchema,
  EntryVersionSchema,
} from '../../shared/api/contract.ts';
import { walkFileHistory } from '../../server/git/fileHistory.ts';
import { gitCli } from '../support/gitCli.ts';
import { cloneShape, makeHistorySource, openShape } from '../support/repoShapes.ts';
import { entryUrl } from '../support/siteFixture.ts';

type Folio = Awaited<ReturnType<typeof openShape>>;

/** Every page of a history route (entry or site), with each page's shallow flag. */
async function allPages(folio: Folio, url: string, limit: number) {
  const commits: string[] = [];
  const ids: (string | undefined)[] = [];
  const shallow: boolean[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await folio.agent
      .get(url)
      .query(cursor ? { limit, cursor } : { limit })
      .expect(200);
    const page = CommitListSchema.parse(res.body);
    commits.push(...page.items.map((i) => i.commit));
    ids.push(...page.items.map((i) => i.id));
    shallow.push(page.shallow === true);
    if (!page.nextCursor) return { commits, ids, shallow };
    cursor = page.nextCursor;
  }
}

/** `git log --follow` of a path: the commits git lists for it, newest first. */
function gitFileLog(dir: string, path: string): string[] {
  return gitCli(dir, ['log', '--follow', '--format=%H', '--', path]).split('\n').filter(Boolean);
}

/** `git show --name-status` of a commit, as [status letter, path] sorted by path. */
function gitNameStatus(dir: string, rev: string): [string, string][] {
  return gitCli(dir, ['show', '--no-renames', '--name-status', '--format=', rev])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t') as [string, string])
    .sort((a, b) => (a[1] < b[1] ? -1 : 1));
}

const LETTER = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' } as const;

describe('a shallow clone (git clone --depth 2)', () => {
  let source: ReturnType<typeof makeHistorySource>;
  let dir: string;
  let folio: Folio;
  const git = (...args: string[]) => gitCli(dir, args);

  beforeAll(async () => {
    source = makeHistorySource();
    dir = cloneShape(source.dir, 'shallow', ['--depth', '2']);
    folio = await openShape(dir);
  });
  afterAll(() => source.cleanup());

  /** Entry history through the API (every page, several page sizes) against git log --follow. */
  async function expectHistoryAsGit(path: string, truncated: boolean) {
    const expected = gitFileLog(dir, path);
    for (const limit of [1, 2, 20]) {
      const got = await allPages(folio, entryUrl(path, '/history'), limit);
      expect(got.commits, `${path} limit ${limit}`).toEqual(expected);
      // The page that lists the boundary commit says that history ends there; no other does.
      expect(got.shallow.some(Boolean), `${path} limit ${limit}`).toBe(truncated);
      expect(got.shallow.at(-1)).toBe(truncated);
    }
  }

  it('ends entry history at the shallow boundary, as git log does, walked and indexed', async () => {
    const boundary = git('cat-file', '-p', 'HEAD').match(/^parent (\w+)/m)![1]!;
    expect(git('rev-parse', 'HEAD~1')).toBe(boundary);
    // Walked (the history index is not built yet).
    await expectHistoryAsGit('content/blog/a.md', true);
    await expectHistoryAsGit('content/blog/b2.md', true);
    const walked = await walkFileHistory(
      folio.ctx.store.objects,
      [{ commit: git('rev-parse', 'HEAD'), path: 'content/blog/a.md' }],
      { limit: 1, maxScan: 2000 },
    );
    const rest = await walkFileHistory(folio.ctx.store.objects, walked.next!, {
      limit: 5,
      maxScan: 2000,
    });
    expect(rest.items.map((i) => i.commit.oid)).toEqual([boundary]);
    expect(rest.next).toBeNull();
    // Indexed: the build treats the boundary as the root, and answers the same.
    expect(await folio.ctx.historyIndex.update()).toBe(true);
    expect(folio.ctx.historyIndex.progress(git('rev-parse', 'HEAD'))).toEqual({
      ready: true,
      indexed: 2,
      total: 2,
    });
    await expectHistoryAsGit('content/blog/a.md', true);
    await expectHistoryAsGit('content/blog/b2.md', true);
    await expectHistoryAsGit('content/blog/c.md', true);
  });

  it('describes the boundary commit as git show does: a root commit, every file added', async () => {
    const boundary = git('rev-parse', 'HEAD~1');
    const res = await folio.agent.get(`/api/commits/${boundary}`).expect(200);
    const detail = CommitDetailSchema.parse(res.body);
    expect(detail.parents).toEqual([]);
    expect(git('log', '-1', '--format=%P', boundary)).toBe('');
    expect(detail.shallow).toBe(true);
    expect(detail.changes.map((c) => [LETTER[c.status], c.id])).toEqual(
      gitNameStatus(dir, boundary),
    );
    const head = CommitDetailSchema.parse(
      (await folio.agent.get(`/api/commits/${git('rev-parse', 'HEAD')}`).expect(200)).body,
    );
    expect(head.parents).toEqual([boundary]);
    expect(head.shallow).toBeUndefined();
    expect(head.changes.map((c) => [LETTER[c.status], c.id])).toEqual(gitNameStatus(dir, 'HEAD'));
    // The boundary's parent is not in this clone: 404, as for any unknown commit.
    await folio.agent.get(`/api/commits/${source.commits[2]}`).expect(404);
    // Versions at the boundary are there.
    const version = EntryVersionSchema.parse(
      (await folio.agent.get(entryUrl('content/blog/a.md', `/versions/${boundary}`)).expect(200))
        .body,
    );
    expect(version.body).toBe('Version 4.\n');
  });

  it('lists site history up to the boundary and says so', async () => {
    const expected = git('log', '--format=%H').split('\n');
    for (const limit of [1, 50]) {
      const got = await allPages(folio, '/api/commits', limit);
      expect(got.commits).toEqual(expected);
      expect(got.shallow.at(-1)).toBe(true);
      expect(got.shallow.filter(Boolean)).toHaveLength(1);
    }
  });

  it('follows git fetch --deepen and --unshallow: longer history, the index rebuilt', async () => {
    git('fetch', '-q', '--deepen', '2');
    expect(git('rev-list', '--count', 'HEAD')).toBe('4');
    await expectHistoryAsGit('content/blog/a.md', true);
    await expectHistoryAsGit('content/blog/b2.md', true);
    await expectHistoryAsGit('content/blog/c.md', false);
    expect(await folio.ctx.historyIndex.update()).toBe(true);
    expect(folio.ctx.historyIndex.progress(git('rev-parse', 'HEAD')).indexed).toBe(4);
    await expectHistoryAsGit('content/blog/b2.md', true);
    git('fetch', '-q', '--unshallow');
    expect(git('rev-parse', '--is-shallow-repository')).toBe('false');
    await expectHistoryAsGit('content/blog/a.md', false);
    await expectHistoryAsGit('content/blog/b2.md', false);
    expect(await folio.ctx.historyIndex.update()).toBe(true);
    expect(folio.ctx.historyIndex.progress(git('rev-parse', 'HEAD')).indexed).toBe(5);
    await expectHistoryAsGit('content/blog/b2.md', false);
    const root = CommitDetailSchema.parse(
      (await folio.agent.get(`/api/commits/${source.commits[1]}`).expect(200)).body,
    );
    expect(root.parents).toEqual([source.commits[0]]);
    expect(root.shallow).toBeUndefined();
  });
});
