import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedTreeOf } from '../../server/git/cacheTree.ts';
import { GitStore } from '../../server/git/GitStore.ts';
import { listFilesFromIndex } from '../../server/git/indexListing.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { listFiles } from '../../server/git/treeDiff.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';

const FILES = {
  'content/_index.md': '---\ntitle: Home\n---\n',
  'content/posts/a.md': '---\ntitle: A\n---\n',
  'content/posts/a/index.md': '---\ntitle: Bundle A\n---\n',
  'content/posts/deep/er/x.md': '---\ntitle: Deep\n---\n',
  'content/ünï/y.md': '---\ntitle: Unicode\n---\n',
  'static/site.css': 'body {}\n',
};
const FOLDERS = [
  '',
  'content',
  'content/posts',
  'content/posts/a',
  'content/posts/deep/er',
  'content/ünï',
  'static',
];

// The data of the index's TREE extension and where it lies in the file.
function treeExtension(index: Buffer): { at: number; data: Buffer } {
  const at = index.indexOf('TREE', 12, 'latin1');
  expect(at).toBeGreaterThan(0);
  return { at: at + 8, data: index.subarray(at + 8, at + 8 + index.readUInt32BE(at + 4)) };
}

describe("git's cache tree", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function setup() {
    const repo = makeFixtureRepo(FILES);
    cleanups.push(repo.cleanup);
    // As a clone leaves it: git records the tree of every folder.
    gitCli(repo.dir, ['reset', '-q', '--hard']);
    return repo.dir;
  }

  it('gives the tree id and entry count git recorded for each folder', () => {
    const dir = setup();
    const { data } = treeExtension(readFileSync(join(dir, '.git/index')));
    for (const folder of FOLDERS) {
      const files = gitCli(dir, ['ls-files', '--', folder || '.']).split('\n');
      expect(cachedTreeOf(data, folder)).toEqual({
        oid: gitCli(dir, ['rev-parse', `HEAD:${folder}`]),
        entries: files.length,
      });
    }
    expect(cachedTreeOf(data, 'content/nowhere')).toBeNull();
    expect(cachedTreeOf(data, 'content/posts/a.md')).toBeNull();
    // Cut inside the record of static/: its id is not all there.
    const cut = data.subarray(0, data.indexOf('static\0', 0, 'utf8') + 15);
    expect(cachedTreeOf(cut, 'static')).toBeNull();
  });

  it('has no id for the folders above a staged change', () => {
    const dir = setup();
    writeFileSync(join(dir, 'content/posts/a.md'), '---\ntitle: Staged\n---\n');
    gitCli(dir, ['add', 'content/posts/a.md']);
    const { data } = treeExtension(readFileSync(join(dir, '.git/index')));
    for (const folder of ['', 'content', 'content/posts'])
      expect(cachedTreeOf(data, folder)).toBeNull();
    expect(cachedTreeOf(data, 'static')?.oid).toBe(gitCli(dir, ['rev-parse', 'HEAD:static']));
  });

  it('proves a listing only from an index whose checksum holds, else the entries are hashed', async () => {
    const dir = setup();
    const store = await GitStore.open(await locateRepository(dir));
    const head = await store.head();
    const indexFile = join(dir, '.git/index');
    const original = readFileSync(indexFile);
    // A cache tree that says another id for content/: with a valid checksum, it is believed.
    const forged = Buffer.from(original);
    const { at, data } = treeExtension(forged);
    const named = data.indexOf('content\0', 0, 'utf8');
    const idAt = at + data.indexOf(0x0a, named) + 1;
    forged[idAt] = forged[idAt]! ^ 0xff;
    const body = forged.subarray(0, forged.length - 20);
    writeFileSync(indexFile, Buffer.concat([body, createHash('sha1').update(body).digest()]));
    expect(
      await listFilesFromIndex(store.objects, store.layout.gitdir, head.tree!, ['content']),
    ).toEqual([null]);
    // The same bytes under a checksum that does not hold: the cache tree is ignored.
    writeFileSync(indexFile, forged);
    const [listed] = await listFilesFromIndex(store.objects, store.layout.gitdir, head.tree!, [
      'content',
    ]);
    expect(
      listed?.map(({ path, after }) => ({
        path,
        before: null,
        after: after && { mode: after.mode, oid: after.oid },
      })),
    ).toEqual(await listFiles(store.objects, head.tree, 'content'));
  });
});
