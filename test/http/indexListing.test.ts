import { chmodSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexTimeMs } from '../../server/git/fileStat.ts';
import { GitStore } from '../../server/git/GitStore.ts';
import { type IndexedFileDelta, listFilesFromIndex } from '../../server/git/indexListing.ts';
import { locateRepository } from '../../server/git/locateRepository.ts';
import { listFiles } from '../../server/git/treeDiff.ts';
import { EntryIndex } from '../../server/services/EntryIndex.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';

const FILES = {
  'content/_index.md': '---\ntitle: Home\n---\n',
  'content/posts/a.md': '---\ntitle: A\n---\nBody A\n',
  'content/posts/a.md.bak': 'sorts after a.md, before a/ in git order\n',
  'content/posts/a/index.md': '---\ntitle: Bundle A\n---\n',
  'content/posts/a/cover.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
  'content/posts/b-c.md': '+++\ntitle = "B-C"\n+++\n',
  'content/posts/deep/er/still/x.md': '---\ntitle: Deep\n---\n',
  'content/ünïcødé.md': '---\ntitle: Unicode\n---\n',
  'static/site.css': 'body {}\n',
};

describe('listing a folder from the git index', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  async function setup() {
    const repo = makeFixtureRepo(FILES);
    cleanups.push(repo.cleanup);
    const { dir } = repo;
    // An executable and a symlink, committed by git itself.
    writeFileSync(join(dir, 'content/run.sh'), '#!/bin/sh\n');
    chmodSync(join(dir, 'content/run.sh'), 0o755);
    symlinkSync('posts/a.md', join(dir, 'content/link.md'));
    gitCli(dir, ['add', '-A']);
    gitCli(dir, ['commit', '-q', '-m', 'Executable and link']);
    // A file changed well before the index was written, so its entry is never racy.
    const past = Date.now() / 1000 - 60;
    utimesSync(join(dir, 'content/posts/a.md'), past, past);
    gitCli(dir, ['update-index', '-q', '--refresh']);
    const store = await GitStore.open(await locateRepository(dir));
    return { dir, store };
  }

  function withoutStat(files: IndexedFileDelta[] | null | undefined) {
    return files?.map(({ path, before, after }) => ({
      path,
      before,
      after: after && { mode: after.mode, oid: after.oid },
    }));
  }

  async function fromIndex(store: GitStore, dirs: string[]) {
    const head = await store.head();
    return listFilesFromIndex(store.objects, store.layout.gitdir, head.tree!, dirs);
  }

  it('gives exactly the listing of the trees on a clean checkout', async () => {
    const { store } = await setup();
    const head = await store.head();
    const [content, statics, all] = await fromIndex(store, ['content', 'static', '']);
    expect(withoutStat(content)).toEqual(await listFiles(store.objects, head.tree, 'content'));
    expect(withoutStat(statics)).toEqual(await listFiles(store.objects, head.tree, 'static'));
    expect(withoutStat(all)).toEqual(await listFiles(store.objects, head.tree, ''));
    const modes = new Map(content!.map((f) => [f.path, f.after!.mode]));
    expect(modes.get('content/run.sh')).toBe('100755');
    expect(modes.get('content/link.md')).toBe('120000');
    expect(content!.map((f) => f.path)).toContain('content/ünïcødé.md');
  });

  it('gives the stat data the index recorded, except for racy entries', async () => {
    const { dir, store } = await setup();
    const path = 'content/posts/a.md';
    const before = statSync(join(dir, path));
    const listed = (await fromIndex(store, ['content']))[0]!.find((f) => f.path === path)!;
    expect(listed.after!.recorded).toMatchObject({ size: before.size, ino: before.ino });
    const recorded = listed.after!.recorded!;
    const mtimeMs = indexTimeMs(recorded.mtimeSeconds, recorded.mtimeNanoseconds);
    expect(Math.abs(mtimeMs - before.mtimeMs)).toBeLessThan(0.002);
    // Stamped after the index was written: git itself would hash it before trusting its stat.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, path), later, later);
    gitCli(dir, ['update-index', '--refresh']);
    const racy = (await fromIndex(store, ['content']))[0]!.find((f) => f.path === path)!;
    expect(racy.after).toEqual({ mode: '100644', oid: listed.after!.oid });
  });

  it('declines a folder where the index differs from the commit, and only that folder', async () => {
    const { dir, store } = await setup();
    writeFileSync(join(dir, 'content/posts/a.md'), '---\ntitle: Staged\n---\n');
    gitCli(dir, ['add', 'content/posts/a.md']);
    const [content, statics] = await fromIndex(store, ['content', 'static']);
    expect(content).toBeNull();
    expect(statics).not.toBeNull();
  });

  it('declines a staged deletion and an intent to add', async () => {
    const { dir, store } = await setup();
    gitCli(dir, ['rm', '-q', '--cached', 'content/posts/b-c.md']);
    expect((await fromIndex(store, ['content']))[0]).toBeNull();
    gitCli(dir, ['reset', '-q']);
    expect((await fromIndex(store, ['content']))[0]).not.toBeNull();
    writeFileSync(join(dir, 'content/new.md'), 'new\n');
    gitCli(dir, ['add', '-N', 'content/new.md']);
    expect((await fromIndex(store, ['content']))[0]).toBeNull();
  });

  it('declines during a merge conflict', async () => {
    const { dir, store } = await setup();
    gitCli(dir, ['checkout', '-q', '-b', 'other']);
    writeFileSync(join(dir, 'content/posts/a.md'), 'other side\n');
    gitCli(dir, ['commit', '-q', '-am', 'Other']);
    gitCli(dir, ['checkout', '-q', 'main']);
    writeFileSync(join(dir, 'content/posts/a.md'), 'this side\n');
    gitCli(dir, ['commit', '-q', '-am', 'Main']);
    expect(() => gitCli(dir, ['merge', '-q', 'other'])).toThrow();
    expect((await fromIndex(store, ['content']))[0]).toBeNull();
  });

  it('declines an index of version 4, which the trees then list', async () => {
    const { dir, store } = await setup();
    gitCli(dir, ['update-index', '--index-version', '4']);
    expect(await fromIndex(store, ['content'])).toEqual([null]);
    const snapshot = await new EntryIndex(store).current();
    expect(snapshot.entries.get('content/posts/a.md')?.doc.title).toBe('A');
  });

  it('declines a folder where a sparse index holds a subfolder as one entry, which the trees then list', async () => {
    const { dir, store } = await setup();
    gitCli(dir, ['sparse-checkout', 'init', '--cone', '--sparse-index']);
    gitCli(dir, ['sparse-checkout', 'set', 'content/posts/deep']);
    // Outside the cone, a folder is one index entry: the bundle content/posts/a/ and static/.
    const sparse = gitCli(dir, ['ls-files', '--sparse']).split('\n');
    expect(sparse).toEqual(expect.arrayContaining(['content/posts/a/', 'static/']));
    expect(await fromIndex(store, ['content', 'static'])).toEqual([null, null]);
    const snapshot = await new EntryIndex(store).current();
    expect(snapshot.entries.get('content/posts/a/index.md')?.doc.title).toBe('Bundle A');
    expect(snapshot.entries.get('content/posts/deep/er/still/x.md')?.doc.title).toBe('Deep');
  });

  it('declines without an index or with a corrupt one', async () => {
    const { dir, store } = await setup();
    gitCli(dir, ['rm', '-q', '--cached', '-r', 'content']);
    expect(await fromIndex(store, ['content', 'static'])).toEqual([null, expect.any(Array)]);
    writeFileSync(join(dir, '.git/index'), 'DIRC garbage');
    expect(await fromIndex(store, ['content', 'static'])).toEqual([null, null]);
    rmSync(join(dir, '.git/index'));
    expect(await fromIndex(store, ['content', 'static'])).toEqual([null, null]);
  });

  it('reads a file edited in place from the objects, even with its size and mtime kept', async () => {
    const { dir, store } = await setup();
    const file = join(dir, 'content/posts/a.md');
    const { atimeMs, mtimeMs } = statSync(file);
    writeFileSync(file, '---\ntitle: Z\n---\nBody Z\n');
    // Seconds with their fraction, to the microsecond (a Date would round to the millisecond).
    utimesSync(file, atimeMs / 1000, mtimeMs / 1000);
    expect(Math.abs(statSync(file).mtimeMs - mtimeMs)).toBeLessThan(0.002);
    const index = new EntryIndex(store);
    expect((await index.current()).entries.get('content/posts/a.md')?.doc.title).toBe('A');
    expect(index.workingTreeStats.misses).toBe(1);
  });

  it('lets the entry index list the commit, not what is staged', async () => {
    const { dir, store } = await setup();
    writeFileSync(join(dir, 'content/posts/a.md'), '---\ntitle: Staged\n---\n');
    gitCli(dir, ['add', 'content/posts/a.md']);
    const index = new EntryIndex(store);
    const snapshot = await index.current();
    expect(snapshot.entries.get('content/posts/a.md')?.doc.title).toBe('A');
    gitCli(dir, ['commit', '-q', '-m', 'Staged title']);
    const clean = new EntryIndex(await GitStore.open(await locateRepository(dir)));
    expect((await clean.current()).entries.get('content/posts/a.md')?.doc.title).toBe('Staged');
  });
});
