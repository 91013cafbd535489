import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CommitPlan, GitStore, type StoreHead } from '../../server/git/GitStore.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { DirtyWorkingTreeError } from '../../server/git/workingTree.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';

// Transactions that wait in the write queue together run as one batch: every step still sees the
// head the previous one left and makes its own commit, while the index, the flush and the ref move
// are shared. These tests start the transactions in the same tick, so they form one batch, and
// check the result with the git CLI.

const POSTS = 8;
const files: Record<string, string> = {};
for (let i = 0; i < POSTS; i++) files[`content/post-${i}.md`] = `Post ${i}.\n`;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function openStore(): Promise<{ dir: string; store: GitStore }> {
  const repo = makeFixtureRepo(files);
  cleanup = repo.cleanup;
  return { dir: repo.dir, store: await GitStore.open(await locateRepository(repo.dir)) };
}

const editors = [
  { name: 'Ana Editor', email: 'ana@example.com' },
  { name: 'Bo Writer', email: 'bo@example.com' },
];

/** A step that appends `line` to `path` as it is at the head it runs on. */
function append(store: GitStore, path: string, line: string, author: CommitPlan['author']) {
  return async (head: StoreHead) => {
    const entry = await store.objects.lookup(head.tree!, path);
    const text = entry ? (await store.objects.readBlob(entry.oid)).toString('utf8') : '';
    const oid = await store.objects.writeBlob(Buffer.from(`${text}${line}\n`, 'utf8'));
    const plan: CommitPlan = {
      changes: [{ path, entry: { mode: '100644', oid } }],
      message: `Edit ${path}: ${line}`,
      author,
    };
    return { plan, value: line };
  };
}

/** `git log` of the last `n` commits, oldest first, as `subject|author <email>|parents`. */
function history(dir: string, n: number): string[] {
  return gitCli(dir, ['log', `-${n}`, '--reverse', '--format=%s|%an <%ae>|%P'])
    .split('\n')
    .filter(Boolean);
}

describe('batched commits', () => {
  it('makes one commit per waiting save, in order, by its editor, with one reflog line each', async () => {
    const { dir, store } = await openStore();
    const start = gitCli(dir, ['rev-parse', 'HEAD']);
    const reflogBefore = gitCli(dir, ['reflog', 'show', 'main']).split('\n').length;
    const stale = new Error('stale base');
    const results = await Promise.allSettled([
      store.transact(append(store, 'content/post-0.md', 'one', editors[0]!)),
      store.transact(append(store, 'content/post-1.md', 'two', editors[1]!)),
      // A conflict in the middle makes no commit and leaves the others alone.
      store.transact(async () => {
        throw stale;
      }),
      // No change: no commit.
      store.transact(async () => ({ plan: null, value: 'nothing' })),
      // The same file as the first save: it builds on that save's commit.
      store.transact(append(store, 'content/post-0.md', 'three', editors[1]!)),
      store.transact(append(store, 'content/new/post-9.md', 'four', editors[0]!)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toBe(stale);
    const values = results.map((r) =>
      r.status === 'fulfilled' ? r.value : { value: null, commit: null },
    );
    expect(values.map((v) => v.value)).toEqual(['one', 'two', null, 'nothing', 'three', 'four']);
    expect(values[3]!.commit).toBeNull();

    const commits = [values[0], values[1], values[4], values[5]].map((v) => v!.commit!);
    expect(new Set(commits).size).toBe(4);
    expect(gitCli(dir, ['rev-parse', 'HEAD'])).toBe(commits[3]);
    expect(history(dir, 4)).toEqual([
      `Edit content/post-0.md: one|Ana Editor <ana@example.com>|${start}`,
      `Edit content/post-1.md: two|Bo Writer <bo@example.com>|${commits[0]}`,
      `Edit content/post-0.md: three|Bo Writer <bo@example.com>|${commits[1]}`,
      `Edit content/new/post-9.md: four|Ana Editor <ana@example.com>|${commits[2]}`,
    ]);
    expect(gitCli(dir, ['show', 'HEAD:content/post-0.md'])).toBe('Post 0.\none\nthree');

    // One reflog line per commit, each from the commit before it, as `git commit` writes them.
    const reflog = gitCli(dir, ['reflog', 'show', '--format=%H %gs', 'main']).split('\n');
    expect(reflog.length).toBe(reflogBefore + 4);
    expect(reflog.slice(0, 4)).toEqual([
      `${commits[3]} commit: Edit content/new/post-9.md: four`,
      `${commits[2]} commit: Edit content/post-0.md: three`,
      `${commits[1]} commit: Edit content/post-1.md: two`,
      `${commits[0]} commit: Edit content/post-0.md: one`,
    ]);
    const lines = readFileSync(join(dir, '.git', 'logs', 'refs', 'heads', 'main'), 'utf8')
      .trim()
      .split('\n')
      .slice(-4)
      .map((line) => line.split(' ').slice(0, 2));
    expect(lines).toEqual([
      [start, commits[0]],
      [commits[0], commits[1]],
      [commits[1], commits[2]],
      [commits[2], commits[3]],
    ]);
    expect(gitCli(dir, ['reflog', 'show', '--format=%H', 'HEAD']).split('\n').slice(0, 4)).toEqual(
      [...commits].reverse(),
    );

    // The working tree and the index follow the last commit.
    expect(readFileSync(join(dir, 'content/post-0.md'), 'utf8')).toBe('Post 0.\none\nthree\n');
    expect(readFileSync(join(dir, 'content/new/post-9.md'), 'utf8')).toBe('four\n');
    expectHealthyRepo(dir);
  });

  it('refuses only the save whose file has uncommitted edits, and leaves the edit alone', async () => {
    const { dir, store } = await openStore();
    writeFileSync(join(dir, 'content/post-2.md'), 'Edited outside Folio.\n');
    const before = commitCount(dir);
    const results = await Promise.allSettled([
      store.transact(append(store, 'content/post-1.md', 'a', editors[0]!)),
      store.transact(append(store, 'content/post-2.md', 'b', editors[0]!)),
      store.transact(append(store, 'content/post-3.md', 'c', editors[1]!)),
      // Same dirty file again: refused again, not taken as Folio's own.
      store.transact(append(store, 'content/post-2.md', 'd', editors[1]!)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    for (const i of [1, 3])
      expect((results[i] as PromiseRejectedResult).reason).toBeInstanceOf(DirtyWorkingTreeError);
    expect(commitCount(dir)).toBe(before + 2);
    expect(history(dir, 2).map((line) => line.split('|').slice(0, 2).join('|'))).toEqual([
      'Edit content/post-1.md: a|Ana Editor <ana@example.com>',
      'Edit content/post-3.md: c|Bo Writer <bo@example.com>',
    ]);
    expect(readFileSync(join(dir, 'content/post-2.md'), 'utf8')).toBe('Edited outside Folio.\n');
    gitCli(dir, ['fsck', '--strict', '--no-progress']);
    expect(gitCli(dir, ['status', '--porcelain'])).toBe(' M content/post-2.md');
  });

  it('runs the whole batch again on the new head when git moved the branch meanwhile', async () => {
    const { dir, store } = await openStore();
    const before = commitCount(dir);
    let outside = false;
    const step = append(store, 'content/post-4.md', 'after outside', editors[0]!);
    const results = await Promise.all([
      store.transact(async (head) => {
        // The first time round, native git commits while the batch is being built.
        if (!outside) {
          outside = true;
          writeFileSync(join(dir, 'content/post-7.md'), 'Post 7.\nfrom git\n');
          gitCli(dir, ['commit', '-q', '-am', 'Outside commit']);
        }
        return step(head);
      }),
      store.transact(append(store, 'content/post-5.md', 'second', editors[1]!)),
      store.transact(append(store, 'content/post-4.md', 'third', editors[1]!)),
    ]);
    expect(results.every((r) => r.commit)).toBe(true);
    expect(commitCount(dir)).toBe(before + 4);
    expect(history(dir, 4).map((line) => line.split('|')[0])).toEqual([
      'Outside commit',
      'Edit content/post-4.md: after outside',
      'Edit content/post-5.md: second',
      'Edit content/post-4.md: third',
    ]);
    expect(gitCli(dir, ['rev-list', '--min-parents=2', '--count', 'HEAD'])).toBe('0');
    expect(gitCli(dir, ['show', 'HEAD:content/post-4.md'])).toBe('Post 4.\nafter outside\nthird');
    expect(gitCli(dir, ['show', 'HEAD:content/post-7.md'])).toBe('Post 7.\nfrom git');
    expect(gitCli(dir, ['reflog', 'show', '--format=%gs', 'main']).split('\n').slice(0, 4)).toEqual(
      [
        'commit: Edit content/post-4.md: third',
        'commit: Edit content/post-5.md: second',
        'commit: Edit content/post-4.md: after outside',
        'commit: Outside commit',
      ],
    );
    expectHealthyRepo(dir);
  });
});
