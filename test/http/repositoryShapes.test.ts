import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitDetailSchema,
  CommitListSchema,
  EntryVersionSchema,
} from '../../shared/api/contract.ts';
import { walkFileHistory } from '../../server/git/fileHistory.ts';
import { ObjectStore } from '../../server/git/ObjectStore.ts';
import { commitOutside } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { cloneShape, makeHistorySource, openShape } from '../support/repoShapes.ts';
import { entryUrl } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

type Folio = Awaited<ReturnType<typeof openShape>>;

/** Every page of a history route (entry or site), with each page's shallow flag. */
async function allPages(folio: Folio, url: string, limit: number) {
  const commits: string[] = [];
  const ids: (string | undefined)[] = [];
  const shallow: boolean[] = [];
  const unavailable: boolean[] = [];
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
    unavailable.push(page.unavailable === true);
    if (!page.nextCursor) return { commits, ids, shallow, unavailable };
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

describe('alternates (git clone --shared), nested', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));
  const alternates = (repo: string, line: string) =>
    writeFileSync(join(repo, '.git/objects/info/alternates'), `${line}\n`);

  it('finds objects through alternates of alternates, relative paths and a cycle, as git does', async () => {
    const source = makeHistorySource();
    cleanups.push(source.cleanup);
    const parent = join(source.dir, '..');
    gitCli(parent, ['clone', '-q', '--shared', source.dir, 'shared1']);
    const one = join(parent, 'shared1');
    const own = commitOutside(
      one,
      { 'content/blog/d.md': '---\ntitle: D\n---\nIn shared1.\n' },
      'd',
    );
    gitCli(parent, ['clone', '-q', '--shared', one, 'shared2']);
    const two = join(parent, 'shared2');
    // shared2 -> shared1 (relative to shared2's objects) -> site (absolute, C-quoted as git may
    // write it) -> shared2 (a cycle).
    alternates(two, '../../../shared1/.git/objects');
    alternates(source.dir, join(two, '.git/objects'));
    alternates(one, `# written by git clone --shared\n"${join(source.dir, '.git/objects')}"`);
    expect(gitCli(two, ['fsck', '--connectivity-only', '--no-progress'])).toBe('');
    const folio = await openShape(two);
    const list = (await folio.agent.get('/api/entries').expect(200)).body as {
      items: { id: string; oid: string }[];
    };
    const tree = gitCli(two, ['ls-tree', '-r', '--format=%(path) %(objectname)', 'HEAD'])
      .split('\n')
      .filter((l) => l.endsWith('.md') || l.includes('.md '))
      .map((l) => l.split(' ') as [string, string]);
    expect(list.items.map((i) => [i.id, i.oid]).sort()).toEqual(tree.sort());
    for (const path of ['content/blog/a.md', 'content/blog/b2.md', 'content/blog/d.md']) {
      const got = await allPages(folio, entryUrl(path, '/history'), 2);
      expect(got.commits).toEqual(gitFileLog(two, path));
    }
    for (const rev of [own, source.commits[2]!, source.commits[0]!]) {
      const detail = CommitDetailSchema.parse(
        (await folio.agent.get(`/api/commits/${rev}`).expect(200)).body,
      );
      expect(detail.changes.map((c) => [LETTER[c.status], c.id])).toEqual(gitNameStatus(two, rev));
    }
    const old = EntryVersionSchema.parse(
      (await folio.agent.get(entryUrl('content/blog/a.md', `/versions/${source.commits[0]}`))).body,
    );
    expect(old.body).toBe('Version 1.\n');
  });

  it('links six levels of alternates and ignores deeper ones, as git does', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const blobs: string[] = [];
    for (let level = 0; level <= 8; level++) {
      const dir = join(tmp.path, `r${level}`);
      mkdirSync(dir);
      gitCli(dir, ['init', '-q']);
      blobs.push(commitOutside(dir, { f: `level ${level}\n` }, `r${level}`));
      if (level > 0) alternates(join(tmp.path, `r${level - 1}`), `../../../r${level}/.git/objects`);
    }
    const objects = new ObjectStore(join(tmp.path, 'r0', '.git'));
    for (let level = 0; level <= 8; level++) {
      let git = true;
      try {
        gitCli(join(tmp.path, 'r0'), ['cat-file', '-e', blobs[level]!]);
      } catch {
        git = false;
      }
      const folio = await objects.readCommit(blobs[level]!).then(
        () => true,
        () => false,
      );
      expect(folio, `level ${level}`).toBe(git);
    }
  });
});

describe('a partial clone (git clone --filter=blob:none)', () => {
  let source: ReturnType<typeof makeHistorySource>;
  let dir: string;
  let folio: Folio;
  const git = (...args: string[]) => gitCli(dir, args);
  /** Objects the clone lacks, listed without fetching them (git would fetch on a plain read). */
  const missing = () =>
    git('rev-list', '--objects', '--all', '--missing=print')
      .split('\n')
      .filter((l) => l.startsWith('?'))
      .map((l) => l.slice(1))
      .sort();
  const blobAt = (rev: string, path: string) => gitCli(source.dir, ['rev-parse', `${rev}:${path}`]);

  beforeAll(async () => {
    source = makeHistorySource();
    dir = cloneShape(source.dir, 'partial', ['--filter=blob:none']);
    folio = await openShape(dir);
  });
  afterAll(() => source.cleanup());

  it('is the shape under test: the head is checked out, old versions are on the remote', () => {
    expect(git('config', 'remote.origin.promisor')).toBe('true');
    expect(missing()).toContain(blobAt(source.commits[0]!, 'content/blog/a.md'));
    expect(missing()).not.toContain(blobAt('HEAD', 'content/blog/a.md'));
  });

  it('answers an old version with 404 object_unavailable, and refuses to restore it', async () => {
    const before = missing();
    const old = source.commits[1]!;
    const res = await folio.agent
      .get(entryUrl('content/blog/a.md', `/versions/${old}`))
      .expect(404);
    expect(res.body.error).toMatchObject({
      code: 'not_found',
      details: {
        reason: 'object_unavailable',
        oid: blobAt(old, 'content/blog/a.md'),
        remote: 'origin',
      },
    });
    expect(res.body.error.message).toMatch(/partial clone/);
    const head = git('rev-parse', 'HEAD');
    const entry = (await folio.agent.get(entryUrl('content/blog/a.md')).expect(200)).body;
    const restore = await folio.agent
      .post(entryUrl('content/blog/a.md', '/restore'))
      .send({ commit: old, baseOid: entry.oid })
      .expect(404);
    expect(restore.body.error.details.reason).toBe('object_unavailable');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(missing()).toEqual(before); // Folio fetched nothing
  });

  it('describes old commits as git show does, the changes it lacks content for marked unavailable', async () => {
    for (const rev of source.commits) {
      const detail = CommitDetailSchema.parse(
        (await folio.agent.get(`/api/commits/${rev}`).expect(200)).body,
      );
      expect(detail.changes.map((c) => [LETTER[c.status], c.id])).toEqual(
        gitNameStatus(source.dir, rev),
      );
      for (const change of detail.changes) {
        const lacking = [change.before, change.after].some((oid) => oid && missing().includes(oid));
        expect(change.unavailable === true, `${rev} ${change.id}`).toBe(lacking);
        if (lacking) expect(change.body).toBe('');
      }
    }
    const head = CommitDetailSchema.parse(
      (await folio.agent.get(`/api/commits/${source.commits[4]}`).expect(200)).body,
    );
    expect(head.changes[0]).toMatchObject({ id: 'content/blog/a.md', unavailable: true });
  });

  it('lists history as git log does, and says where a rename could not be followed', async () => {
    for (const indexed of [false, true]) {
      if (indexed) expect(await folio.ctx.historyIndex.update()).toBe(true);
      const a = await allPages(folio, entryUrl('content/blog/a.md', '/history'), 2);
      expect(a.commits).toEqual(gitFileLog(source.dir, 'content/blog/a.md'));
      // b2.md was renamed from b.md with an edit: finding that takes b.md's old content, which
      // this clone does not have. The history ends at the rename and says why.
      const b2 = (await folio.agent.get(entryUrl('content/blog/b2.md', '/history')).expect(200))
        .body;
      expect(b2.items.map((i: { commit: string }) => i.commit)).toEqual([source.commits[2]]);
      expect(b2.unavailable).toBe(true);
      expect(b2.nextCursor).toBeNull();
      expect(a.shallow.some(Boolean)).toBe(false);
    }
  });

  it('answers in full once git has fetched the content', async () => {
    const oldB = blobAt(source.commits[1]!, 'content/blog/b.md');
    git('cat-file', '-e', oldB); // git fetches a missing object from the promisor remote
    expect(missing()).not.toContain(oldB);
    const b2 = await allPages(folio, entryUrl('content/blog/b2.md', '/history'), 20);
    expect(b2.commits).toEqual(gitFileLog(source.dir, 'content/blog/b2.md'));
    const old = source.commits[0]!;
    git('cat-file', '-e', blobAt(old, 'content/blog/a.md'));
    const version = EntryVersionSchema.parse(
      (await folio.agent.get(entryUrl('content/blog/a.md', `/versions/${old}`)).expect(200)).body,
    );
    expect(version.body).toBe('Version 1.\n');
  });
});

describe('a partial clone without trees (git clone --filter=tree:0)', () => {
  it('answers what needs a missing tree with 404 object_unavailable, never 500', async () => {
    const source = makeHistorySource();
    try {
      const dir = cloneShape(source.dir, 'treeless', ['--filter=tree:0']);
      const folio = await openShape(dir);
      expect((await folio.agent.get('/api/entries').expect(200)).body.total).toBe(3);
      const commit = await folio.agent.get(`/api/commits/${source.commits[1]}`).expect(404);
      expect(commit.body.error.details.reason).toBe('object_unavailable');
      const history = await folio.agent.get(entryUrl('content/blog/a.md', '/history')).expect(404);
      expect(history.body.error.details.reason).toBe('object_unavailable');
      const list = await folio.agent.get('/api/commits').expect(200);
      expect(list.body.items).toHaveLength(5);
      expect(await folio.ctx.historyIndex.update()).toBe(false);
    } finally {
      source.cleanup();
    }
  });
});
