import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitStore } from '../../server/git/GitStore.ts';
import { HistoryIndex } from '../../server/git/HistoryIndex.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { ObjectStore } from '../../server/git/ObjectStore.ts';
import { RecyclingBaseCache } from '../../server/git/RecyclingBaseCache.ts';
import { GIT_TEST_ENV, gitCli } from '../support/gitCli.ts';
import { makeTempDir } from '../support/tempRepo.ts';

/**
 * The history index build reads every version of a big folder's tree through a cache that
 * reuses the memory of evicted versions. These tests read such versions from real packs, in both
 * delta directions (fast-import deltas each version on the one before; `git repack -f` on the
 * one after), with a budget small enough that memory is reused all the time.
 */

const POSTS = 1000; // a tree of about 40 KB, above the size whose memory is reused
const FOLDER = 'content/posts';

/** A history like the bench's: posts added in batches, then a few changed per commit. */
function fastImportStream(): string {
  const out: string[] = [];
  const name = (i: number) =>
    i % 10 === 0 ? `bundle-${i}/index.md` : `post-${String(i).padStart(4, '0')}.md`;
  let time = 1_700_000_000;
  // Without `from`, each commit continues the branch from the one before.
  const commit = (message: string, ops: string[]) => {
    out.push(
      'commit refs/heads/main',
      `committer Fixture <fixture@example.com> ${time++} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...ops,
      '',
    );
  };
  const write = (path: string, text: string) => [
    `M 100644 inline ${FOLDER}/${path}`,
    `data ${Buffer.byteLength(text)}`,
    text,
  ];
  for (let batch = 0; batch < 4; batch++) {
    const ops: string[] = [];
    for (let i = batch * 250; i < (batch + 1) * 250; i++)
      ops.push(...write(name(i), `---\ntitle: Post ${i}\n---\nBody of post ${i}.\n`));
    commit(`Add posts ${batch * 250}-${batch * 250 + 249}`, ops);
  }
  let added = POSTS;
  for (let c = 0; c < 56; c++) {
    const ops: string[] = [];
    for (const i of [(c * 37) % POSTS, (c * 91 + 5) % POSTS].slice(0, 1 + (c % 2)))
      ops.push(...write(name(i), `---\ntitle: Post ${i}, edit ${c}\n---\nEdited in ${c}.\n`));
    if (c % 7 === 3) ops.push(`D ${FOLDER}/${name((c * 13 + 1) % POSTS)}`);
    if (c % 9 === 4) ops.push(...write(`new-${added++}.md`, `---\ntitle: New ${c}\n---\n`));
    commit(`Edit ${c}`, ops);
  }
  return `${out.join('\n')}\ndone\n`;
}

/** A repository made by fast-import, repacked with `repackArgs`. */
function makePackedRepo(root: string, label: string, repackArgs: string[]): string {
  const dir = join(root, label);
  mkdirSync(dir);
  gitCli(dir, ['init', '-q', '-b', 'main']);
  execFileSync('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    input: fastImportStream(),
    env: { ...process.env, ...GIT_TEST_ENV },
  });
  gitCli(dir, ['repack', '-adq', ...repackArgs]);
  return dir;
}

/** The folder's tree of every first-parent commit, oldest first. */
function folderVersions(dir: string): string[] {
  const commits = gitCli(dir, ['rev-list', '--first-parent', '--reverse', 'main']).split('\n');
  const input = commits.map((c) => `${c}:${FOLDER}\n`).join('');
  return execFileSync('git', ['cat-file', '--batch-check=%(objectname)'], { cwd: dir, input })
    .toString()
    .trim()
    .split('\n');
}

/** How the pack stores each version: its delta base's position among the versions (-1: none). */
function basePositions(dir: string, versions: string[]): number[] {
  const input = versions.map((v) => `${v}\n`).join('');
  const bases = execFileSync('git', ['cat-file', '--batch-check=%(deltabase)'], { cwd: dir, input })
    .toString()
    .trim()
    .split('\n');
  return bases.map((b) => versions.indexOf(b));
}

function treeId(content: Buffer): string {
  return createHash('sha1').update(`tree ${content.length}\0`).update(content).digest('hex');
}

describe('reading thousands of tree versions with reused memory', () => {
  let root: ReturnType<typeof makeTempDir>;
  const repos: { label: string; dir: string }[] = [];

  beforeAll(() => {
    root = makeTempDir();
    // fast-import's own deltas (each version on the one before) kept by a plain repack, and
    // git's choice (`-f`: each version on a newer one), as `git gc --aggressive` would store them.
    repos.push({ label: 'older bases', dir: makePackedRepo(root.path, 'older', []) });
    repos.push({
      label: 'newer bases',
      dir: makePackedRepo(root.path, 'newer', ['-f', '--depth=50', '--window=10']),
    });
  });
  afterAll(() => root.cleanup());

  it('packs the folder as delta chains in both directions (what the other tests rely on)', () => {
    const [older, newer] = repos.map(({ dir }) => {
      const versions = folderVersions(dir);
      return basePositions(dir, versions).map((base, i) => (base === -1 ? 0 : Math.sign(base - i)));
    });
    expect(older!.filter((d) => d === -1).length).toBeGreaterThan(40);
    expect(newer!.filter((d) => d === 1).length).toBeGreaterThan(40);
  });

  it('resolves every version as git stores it, keeps what a step read intact through the next step, and reuses memory', async () => {
    for (const { label, dir } of repos) {
      const versions = folderVersions(dir);
      const size = (await new ObjectStore(join(dir, '.git')).readTree(versions.at(-1)!)).length;
      expect(size).toBeGreaterThan(32 * 1024);
      for (const order of [versions, [...versions].reverse()]) {
        const objects = new ObjectStore(join(dir, '.git')); // empty shared caches
        const bases = new RecyclingBaseCache(3 * size);
        let previous: Buffer[] = [];
        for (let i = 1; i < order.length; i++) {
          bases.advance();
          // Two reads at once, as a tree diff makes them: the parent's version and the next one.
          const pair = [order[i - 1]!, order[i]!];
          const read = await Promise.all(pair.map((oid) => objects.readTree(oid, bases)));
          expect(read.map(treeId), label).toEqual(pair);
          if (i > 1)
            expect(previous.map(treeId), `${label}: the step before, still intact`).toEqual([
              order[i - 2],
              order[i - 1],
            ]);
          previous = read;
        }
        expect(bases.allocated, label).toBeLessThan(order.length / 4);
      }
    }
  }, 60_000);

  it('keeps both results intact when two reads resolve the same chain at once', async () => {
    for (const { label, dir } of repos) {
      const versions = folderVersions(dir);
      const objects = new ObjectStore(join(dir, '.git'));
      for (let i = 10; i < versions.length; i += 7) {
        // A cold cache each time: both reads walk and apply the shared part of the chain.
        const bases = new RecyclingBaseCache(64 * 1024 * 1024);
        bases.advance();
        const pair = [versions[i - 1]!, versions[i]!];
        const read = await Promise.all(pair.map((oid) => objects.readTree(oid, bases)));
        expect(read.map(treeId), label).toEqual(pair);
      }
    }
  });

  it('builds the history index with a tiny cache to the paths native git lists for each commit', async () => {
    for (const { label, dir } of repos) {
      const store = await GitStore.open(await locateRepository(dir));
      const indexDir = join(root.path, `${label.replace(' ', '-')}-index`);
      const index = new HistoryIndex(store, indexDir, 128 * 1024);
      expect(await index.update()).toBe(true);
      const lines = readFileSync(join(indexDir, 'log.jsonl'), 'utf8').trim().split('\n').slice(1);
      const ours = lines.map((text) => {
        const line = JSON.parse(text) as { c: string; a?: string[]; x?: string[]; d?: string[] };
        const paths = [
          ...(line.a ?? []).map((p) => `A ${p}`),
          ...(line.x ?? []).map((p) => `M ${p}`),
          ...(line.d ?? []).map((p) => `D ${p}`),
        ];
        return `${line.c}\n${paths.sort().join('\n')}`;
      });
      const log = gitCli(dir, [
        'log',
        '--first-parent',
        '--reverse',
        '--no-renames',
        '--name-status',
        '--format=@%H',
      ]);
      const native = log
        .split('@')
        .filter(Boolean)
        .map((block) => {
          const [commit, ...rest] = block.trim().split('\n');
          const paths = rest.filter(Boolean).map((l) => l.replace('\t', ' '));
          return `${commit}\n${paths.sort().join('\n')}`;
        });
      expect(ours, label).toEqual(native);
      expect(ours.length).toBe(60);
    }
  }, 60_000);
});
