import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildTree, type TreeChange } from '../../server/git/buildTree.ts';
import { ObjectStore } from '../../server/git/ObjectStore.ts';
import { GitStore } from '../../server/git/GitStore.ts';
import { parseIndex, serializeIndex } from '../../server/git/indexFile.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { diffTrees } from '../../server/git/treeDiff.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { GIT_TEST_ENV, gitCli } from '../support/gitCli.ts';

/** Names chosen to exercise git's tree order: prefixes, dots and dashes sort around "/". */
const NAMES = ['a', 'a.b', 'a-b', 'a0', 'ab', 'b', 'Z', 'ç', 'é.md', '日'];
const pathArb = fc
  .array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 })
  .map((s) => s.join('/'));
const opArb = fc.record({
  path: pathArb,
  content: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
});

describe('the git store against native git', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let store: GitStore;

  beforeAll(async () => {
    repo = makeFixtureRepo({ 'seed.txt': 'seed\n' });
    store = await GitStore.open(await locateRepository(repo.dir));
  });
  afterAll(() => repo.cleanup());

  it('builds the very tree `git write-tree` builds for the same edits (property)', async () => {
    const seed = gitCli(repo.dir, ['rev-parse', 'HEAD:seed.txt']);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        let tree: string | null = gitCli(repo.dir, ['rev-parse', 'HEAD^{tree}']);
        const files = new Map([['seed.txt', seed]]);
        for (const op of ops) {
          // Skip edits native git would refuse too: a file where a folder is, or inside a file.
          const clash = [...files.keys()].some(
            (f) => f.startsWith(`${op.path}/`) || op.path.startsWith(`${f}/`),
          );
          if (op.content !== null && clash) continue;
          const change: TreeChange = { path: op.path, entry: null };
          if (op.content !== null) {
            change.entry = {
              mode: '100644',
              oid: await store.objects.writeBlob(Buffer.from(op.content)),
            };
            files.set(op.path, change.entry.oid);
          } else {
            for (const f of [...files.keys()])
              if (f === op.path || f.startsWith(`${op.path}/`)) files.delete(f);
          }
          tree = await buildTree(store.objects, tree, [change]);
        }
        await store.objects.flush();
        // Native git builds the same file list through an index of its own.
        const env = {
          ...process.env,
          ...GIT_TEST_ENV,
          GIT_INDEX_FILE: join(repo.dir, '.git', 'prop-index'),
        };
        execFileSync('git', ['read-tree', '--empty'], { cwd: repo.dir, env });
        const info = [...files].map(([path, oid]) => `100644 ${oid}\t${path}\n`).join('');
        execFileSync('git', ['update-index', '--index-info'], { cwd: repo.dir, env, input: info });
        const native = execFileSync('git', ['write-tree'], {
          cwd: repo.dir,
          env,
          encoding: 'utf8',
        }).trim();
        expect(tree).toBe(native);
      }),
      { numRuns: 100 },
    );
    expect(gitCli(repo.dir, ['fsck', '--strict', '--no-progress', '--no-dangling'])).toBe('');
  }, 120_000);

  it('reads an object back while its write is still under way, and finds it on disk after flush', async () => {
    const content = Buffer.from(`written at ${process.hrtime.bigint()}\n`);
    const oid = await store.objects.writeBlob(content);
    // No flush yet: a batched save reads the blob the save before it wrote.
    expect(await store.objects.readBlob(oid)).toEqual(content);
    await store.objects.flush();
    expect(gitCli(repo.dir, ['cat-file', '-p', oid])).toBe(content.toString().trimEnd());
    expect(await store.objects.readBlob(oid)).toEqual(content);
  });

  it('diffs two trees like `git diff-tree -r`', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const base = gitCli(repo.dir, ['rev-parse', 'HEAD^{tree}']);
        let tree: string = base;
        const files = new Set(['seed.txt']);
        for (const op of ops) {
          const clash = [...files].some(
            (f) => f.startsWith(`${op.path}/`) || op.path.startsWith(`${f}/`),
          );
          if (op.content !== null && clash) continue;
          const entry =
            op.content === null
              ? null
              : { mode: '100644', oid: await store.objects.writeBlob(Buffer.from(op.content)) };
          if (entry) files.add(op.path);
          else
            for (const f of [...files])
              if (f === op.path || f.startsWith(`${op.path}/`)) files.delete(f);
          tree = await buildTree(store.objects, tree, [{ path: op.path, entry }]);
        }
        await store.objects.flush();
        const ours = (await diffTrees(store.objects, base, tree))
          .map((d) => `${d.before ? (d.after ? 'M' : 'D') : 'A'}\t${d.path}`)
          .sort();
        const native = gitCli(repo.dir, [
          '-c',
          'core.quotepath=false',
          'diff-tree',
          '-r',
          '--name-status',
          '--no-renames',
          base,
          tree,
        ]);
        expect(ours).toEqual(native ? native.split('\n').sort() : []);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('rewrites native index files (v2, v3 with skip-worktree, v4) so git reads the same entries', () => {
    const indexPath = join(repo.dir, '.git', 'index');
    gitCli(repo.dir, ['status', '--porcelain']);
    for (const setup of [
      ['--index-version', '2'],
      ['--index-version', '3', '--skip-worktree', 'seed.txt'],
      ['--index-version', '4'],
    ]) {
      gitCli(repo.dir, ['update-index', ...setup]);
      gitCli(repo.dir, ['write-tree']); // adds a TREE extension, which Folio drops
      const before = gitCli(repo.dir, ['ls-files', '--stage', '-v']);
      writeFileSync(indexPath, serializeIndex(parseIndex(readFileSync(indexPath))));
      expect(gitCli(repo.dir, ['ls-files', '--stage', '-v'])).toBe(before);
      expect(readFileSync(indexPath).readUInt32BE(4)).toBe(Number(setup[1]));
    }
    gitCli(repo.dir, ['update-index', '--no-skip-worktree', 'seed.txt']);
  });

  it('reads every object of delta-compressed packs (ofs and ref deltas) as git cat-file does', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} of a post that keeps growing`);
    for (let i = 0; i < 25; i++) {
      lines[(i * 37) % lines.length] = `edited in commit ${i}`;
      writeFileSync(join(repo.dir, 'post.md'), `${lines.join('\n')}\n`);
      gitCli(repo.dir, ['add', 'post.md']);
      gitCli(repo.dir, ['commit', '-q', '-m', `edit ${i}`]);
    }
    for (const ofs of ['true', 'false']) {
      gitCli(repo.dir, [
        '-c',
        `repack.useDeltaBaseOffset=${ofs}`,
        'repack',
        '-adfq',
        '--depth=20',
        '--window=50',
      ]);
      const store = new ObjectStore(join(repo.dir, '.git'));
      const all = gitCli(repo.dir, [
        'cat-file',
        '--batch-all-objects',
        '--batch-check=%(objectname) %(objecttype) %(objectsize)',
      ]);
      const deltas = gitCli(repo.dir, [
        'verify-pack',
        '-v',
        ...gitCli(repo.dir, ['rev-parse', '--git-path', 'objects/pack'])
          .split('\n')
          .map((d) => `${d}/${readdirSync(join(repo.dir, d)).find((f) => f.endsWith('.idx'))}`),
      ]);
      expect(deltas).toMatch(/chain length = [1-9]/); // the pack really holds delta chains
      for (const line of all.split('\n')) {
        const [oid, type, size] = line.split(' ') as [string, string, string];
        const object = await store.readAny(oid);
        expect(object.type).toBe(type);
        expect(object.content.length).toBe(Number(size));
        expect(
          createHash('sha1').update(`${type} ${size}\0`).update(object.content).digest('hex'),
        ).toBe(oid);
      }
    }
  }, 120_000);

  it('finds objects through objects/info/alternates (git clone --shared)', async () => {
    const shared = `${repo.dir}-shared`;
    gitCli(repo.dir, ['clone', '-q', '--shared', repo.dir, shared]);
    const folio = await GitStore.open(await locateRepository(shared));
    const head = await folio.head();
    expect(head.commit).toBe(gitCli(repo.dir, ['rev-parse', 'HEAD']));
    const entry = await folio.objects.lookup(head.tree!, 'post.md');
    expect((await folio.objects.readBlob(entry!.oid)).toString()).toContain('edited in commit 24');
  });
});
