import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTree } from '../../server/git/buildTree.ts';
import { GitStore } from '../../server/git/GitStore.ts';
import { diffTrees } from '../../server/git/treeDiff.ts';
import {
  makeEntry,
  parseIndex,
  patchIndexEntries,
  serializeIndexWithOffsets,
} from '../../server/git/indexFile.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { GIT_TEST_ENV, gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';

// What keeps a save's cost from growing with the folder: large loose objects are stored without
// compression, and the git index is patched in place when a save only updates tracked files.
// Both must stay exactly what git reads.

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const FOLDER = 2000; // posts in one folder: a tree of about 90 KB

function bigRepo(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < FOLDER; i++)
    files[`content/posts/post-${String(i).padStart(5, '0')}.md`] = `Post ${i}.\n`;
  const repo = makeFixtureRepo(files);
  cleanup = repo.cleanup;
  return repo.dir;
}

function edit(store: GitStore, path: string, text: string) {
  return async () => {
    const oid = await store.objects.writeBlob(Buffer.from(text, 'utf8'));
    return {
      plan: {
        changes: [{ path, entry: { mode: '100644', oid } }],
        message: `Edit ${path}`,
        author: { name: 'Ana Editor', email: 'ana@example.com' },
      },
      value: null,
    };
  };
}

// A full serialization of the index in `bytes`, keeping its cache tree (Folio keeps it valid).
function reserialized(bytes: Buffer): Buffer {
  const index = parseIndex(bytes);
  const tree = index.extensions.find((ext) => ext.signature === 'TREE')?.data ?? null;
  return serializeIndexWithOffsets(index, tree).bytes;
}

describe('save costs that do not grow with the folder', () => {
  it('stores a large folder tree as a loose object git reads, and keeps the index exact', async () => {
    const dir = bigRepo();
    const store = await GitStore.open(await locateRepository(dir));
    const paths = ['content/posts/post-00007.md', 'content/posts/post-01999.md'];
    // Sequential saves (the second patches the index the first wrote) and a batch of two.
    await store.transact(edit(store, paths[0]!, 'One.\n'));
    await store.transact(edit(store, paths[1]!, 'Two.\n'));
    await Promise.all([
      store.transact(edit(store, paths[0]!, 'Three.\n')),
      store.transact(edit(store, paths[1]!, 'Four.\n')),
    ]);
    // A new file changes the layout of the index: written in full, then patched again.
    await store.transact(edit(store, 'content/posts/new.md', 'New.\n'));
    await store.transact(edit(store, paths[0]!, 'Five.\n'));

    const tree = gitCli(dir, ['rev-parse', 'HEAD:content/posts']);
    const loose = readFileSync(join(dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    expect(loose[1]).toBe(0x01); // zlib header: stored without compression
    const raw = inflateSync(loose);
    expect(raw.length).toBeGreaterThan(64 * 1024);
    expect(raw.subarray(0, 5).toString('latin1')).toBe('tree ');
    expect(gitCli(dir, ['cat-file', '-t', tree])).toBe('tree');
    expect(gitCli(dir, ['ls-tree', '--name-only', tree]).split('\n').length).toBe(FOLDER + 1);
    expect(gitCli(dir, ['show', `HEAD:${paths[0]}`])).toBe('Five.');
    expect(gitCli(dir, ['show', `HEAD:${paths[1]}`])).toBe('Four.');

    // The index Folio patched is byte for byte what a full serialization gives, and git agrees.
    const index = readFileSync(join(dir, '.git', 'index'));
    expect(reserialized(index).equals(index)).toBe(true);
    expect(gitCli(dir, ['ls-files', '-s', 'content/posts/post-00007.md'])).toContain(
      gitCli(dir, ['rev-parse', `HEAD:${paths[0]}`]),
    );
    expect(gitCli(dir, ['diff-index', '--cached', 'HEAD'])).toBe('');
    expectHealthyRepo(dir);
  });

  it('patches index entries to the same bytes as a full serialization (versions 2, 3 and 4)', () => {
    const dir = bigRepo();
    for (const version of ['2', '3', '4']) {
      gitCli(dir, ['update-index', '--index-version', version]);
      if (version === '3')
        gitCli(dir, ['update-index', '--skip-worktree', 'content/posts/post-00003.md']);
      const index = parseIndex(readFileSync(join(dir, '.git', 'index')));
      const before = serializeIndexWithOffsets(index);
      const positions = [0, 3, 1234, FOLDER - 1];
      for (const at of positions) {
        const old = index.entries[at]!;
        index.entries[at] = makeEntry(
          old.path.toString('utf8'),
          'ab'.repeat(20),
          '100644',
          {
            ctimeSeconds: at,
            ctimeNanoseconds: 1,
            mtimeSeconds: at,
            mtimeNanoseconds: 2,
            dev: 3,
            ino: at,
            uid: 4,
            gid: 5,
            size: at,
          },
          old.extended,
        );
      }
      const patched = patchIndexEntries(before, index, positions);
      expect(patched.bytes.equals(serializeIndexWithOffsets(index).bytes)).toBe(true);
      expect(parseIndex(patched.bytes).entries[1234]!.path.toString()).toBe(
        'content/posts/post-01234.md',
      );
    }
  });

  it('writes the same index whether a session starts from the cache or from the file', async () => {
    const dir = bigRepo();
    const store = await GitStore.open(await locateRepository(dir));
    const step = (text: string) => edit(store, 'content/posts/post-00010.md', text);
    await store.transact(step('A.\n'));
    await store.transact(step('B.\n'));
    const cached = readFileSync(join(dir, '.git', 'index'));
    // git rewrites the index: the next save must not patch the bytes Folio wrote before.
    gitCli(dir, ['update-index', '--refresh']);
    gitCli(dir, ['update-index', '--index-version', '4']);
    await store.transact(step('C.\n'));
    const after = readFileSync(join(dir, '.git', 'index'));
    expect(after.readUInt32BE(4)).toBe(4);
    expect(cached.readUInt32BE(4)).not.toBe(4);
    expect(reserialized(after).equals(after)).toBe(true);
    expectHealthyRepo(dir);
  });

  it('edits and looks up names in a large folder exactly as git does (property)', async () => {
    // Names around git's order of folders ("a" sorts as "a/", after "a.b" and before "a0").
    const tricky = ['a', 'a.b', 'a-b', 'a0', 'ab', 'b', 'b.md', 'b-c', 'z'];
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`big/n${String(i).padStart(4, '0')}.md`] = `${i}\n`;
    for (const name of ['a', 'b']) files[`big/${name}/inner.md`] = `${name}\n`;
    for (const name of ['a.b', 'a-b', 'a0', 'ab', 'b.md', 'b-c', 'z']) files[`big/${name}`] = name;
    const repo = makeFixtureRepo(files);
    cleanup = repo.cleanup;
    const store = await GitStore.open(await locateRepository(repo.dir));
    const base = gitCli(repo.dir, ['rev-parse', 'HEAD^{tree}']);
    const names = [...tricky, 'n0007.md', 'n0399.md', 'n0200.md', 'new.md', 'n0100.md'];
    const opArb = fc.record({
      name: fc.constantFrom(...names),
      content: fc.option(fc.string({ maxLength: 6 }), { nil: null }),
    });
    const env = {
      ...process.env,
      ...GIT_TEST_ENV,
      GIT_INDEX_FILE: join(repo.dir, '.git', 'big-index'),
    };
    const git = (args: string[], input?: string) =>
      execFileSync('git', args, { cwd: repo.dir, env, input, encoding: 'utf8' }).trim();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
        git(['read-tree', base]);
        let tree = base;
        for (const op of ops) {
          const path = `big/${op.name}`;
          const listed = git(['ls-files', '--', path]);
          // A folder of that name: replace only with another folder (skip, as git would refuse).
          if (op.content !== null && listed && listed !== path) continue;
          if (op.content === null) {
            tree = await buildTree(store.objects, tree, [{ path, entry: null }]);
            if (listed) git(['rm', '-r', '-q', '-f', '--cached', '--', path]);
          } else {
            const oid = await store.objects.writeBlob(Buffer.from(op.content));
            tree = await buildTree(store.objects, tree, [{ path, entry: { mode: '100644', oid } }]);
            git(['update-index', '--add', '--cacheinfo', `100644,${oid},${path}`]);
          }
        }
        await store.objects.flush();
        expect(tree).toBe(git(['write-tree']));
        // Diffs that jump over equal runs of the big tree list what git diff-tree lists.
        const ours = (await diffTrees(store.objects, base, tree))
          .map((d) => `${d.path} ${d.before?.oid ?? '-'} ${d.after?.oid ?? '-'}`)
          .sort();
        const zero = '0'.repeat(40);
        const native = git(['diff-tree', '-r', '--no-renames', base, tree])
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [meta, path] = line.split('\t');
            const [, , a, b] = meta!.split(' ');
            return `${path} ${a === zero ? '-' : a} ${b === zero ? '-' : b}`;
          })
          .sort();
        expect(ours).toEqual(native);
        for (const name of names) {
          const ours = await store.objects.lookup(tree, `big/${name}`);
          const line = git(['ls-tree', tree, '--', `big/${name}`]);
          expect(ours ? `${ours.mode.padStart(6, '0')} ${ours.oid}` : '').toBe(
            line ? line.replace(/ (blob|tree) /, ' ').split('\t')[0] : '',
          );
        }
      }),
      { numRuns: 40 },
    );
    gitCli(repo.dir, ['fsck', '--strict', '--no-progress']);
  }, 120_000);
});
