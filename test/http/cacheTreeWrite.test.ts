import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCacheTree, type CacheTreeNode } from '../../server/git/cacheTreeUpdate.ts';
import { parseIndex } from '../../server/git/indexFile.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { GIT_TEST_ENV, gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

interface FolderRecord {
  dir: string;
  entries: number;
  oid: string | null;
}

// Every folder git's cache tree of the index records, valid (with its id) or not.
function cacheTreeRecords(repo: string): FolderRecord[] | null {
  const index = parseIndex(readFileSync(join(repo, '.git', 'index')));
  const data = index.extensions.find((e) => e.signature === 'TREE')?.data;
  if (!data) return null;
  const root = parseCacheTree(data);
  expect(root).not.toBeNull();
  const out: FolderRecord[] = [];
  const walk = (node: CacheTreeNode, dir: string) => {
    out.push({ dir, entries: node.entries, oid: node.oid?.toString('hex') ?? null });
    for (const sub of node.subtrees) walk(sub, dir ? `${dir}/${sub.name}` : `${sub.name}`);
  };
  walk(root!, '');
  return out;
}

// The tree the index's entries make under `dir`, hashed by git from the entries alone (an index
// rebuilt from `ls-files --stage`, which has no cache tree to trust).
function treeFromEntries(repo: string, dir: string): string {
  const scratch = join(repo, '.git', 'scratch-index');
  rmSync(scratch, { force: true });
  const env = { ...process.env, ...GIT_TEST_ENV, GIT_INDEX_FILE: scratch };
  const run = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd: repo, env, input, encoding: 'utf8' }).trim();
  run(['update-index', '--index-info'], gitCli(repo, ['ls-files', '--stage']) + '\n');
  const oid = run(['write-tree', ...(dir ? [`--prefix=${dir}/`] : [])]);
  rmSync(scratch, { force: true });
  return oid;
}

// Asserts that every valid record holds for the index as written, and returns the valid folders.
function expectRecordsHold(repo: string): string[] {
  const records = cacheTreeRecords(repo);
  expect(records).not.toBeNull();
  const valid: string[] = [];
  for (const record of records!) {
    if (record.entries < 0) continue;
    const files = gitCli(repo, ['ls-files', '--', record.dir || '.'])
      .split('\n')
      .filter(Boolean);
    expect({ dir: record.dir, entries: record.entries, oid: record.oid }).toEqual({
      dir: record.dir,
      entries: files.length,
      oid: treeFromEntries(repo, record.dir),
    });
    valid.push(record.dir);
  }
  return valid;
}

describe("Folio's index writes keep git's cache tree", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  async function setup() {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    gitCli(repo.dir, ['reset', '-q', '--hard']); // as a clone leaves it: every folder recorded
    const folio = await openFolio(repo.dir);
    return { dir: repo.dir, folio };
  }

  it('keeps every folder a save touches valid, with the tree git makes of the entries', async () => {
    const { dir, folio } = await setup();
    // A toggle (the index patched in place), a new post in a new folder, a deletion.
    await folio.agent.patch(entryUrl('content/blog/alpha.md')).send({ set: { pinned: true } });
    await folio.agent
      .post('/api/entries')
      .send({ collection: 'docs', slug: 'guide/setup', frontMatter: { title: 'Setup' }, body: 'x' })
      .expect((res) => expect(res.status).toBeLessThan(300));
    const beta = await folio.agent.get(entryUrl('content/blog/beta.md')).expect(200);
    await folio.agent
      .delete(entryUrl('content/blog/beta.md'))
      .query({ baseOid: beta.body.oid })
      .expect(200);
    expectHealthyRepo(dir);
    const valid = expectRecordsHold(dir);
    for (const folder of ['', 'content', 'content/blog', 'content/blog/bundle', 'content/docs'])
      expect(valid).toContain(folder);
    // git itself writes the commit's tree from it, and keeps it.
    expect(gitCli(dir, ['write-tree'])).toBe(gitCli(dir, ['rev-parse', 'HEAD^{tree}']));
    gitCli(dir, ['status', '--porcelain']);
    expect(expectRecordsHold(dir)).toEqual(valid);
  });

  it('leaves the folders of a change staged outside Folio invalid', async () => {
    const { dir, folio } = await setup();
    writeFileSync(join(dir, 'content/docs/intro.md'), '---\ntitle: Staged\n---\nBy hand.\n');
    gitCli(dir, ['add', 'content/docs/intro.md']);
    await folio.agent
      .patch(entryUrl('content/blog/alpha.md'))
      .send({ set: { pinned: true } })
      .expect(200);
    const valid = expectRecordsHold(dir);
    expect(valid).toContain('content/blog');
    expect(valid).not.toContain('');
    expect(valid).not.toContain('content');
    expect(valid).not.toContain('content/docs');
    // The staged change stays staged, and the index still makes HEAD plus it.
    expect(gitCli(dir, ['diff', '--cached', '--name-only'])).toBe('content/docs/intro.md');
    gitCli(dir, ['fsck', '--strict', '--no-progress']);
  });

  it('writes none when the index it edits had none', async () => {
    const { dir, folio } = await setup();
    const indexFile = join(dir, '.git', 'index');
    // An index another tool wrote without the extension (rewritten by Folio's own serializer).
    const { serializeIndex } = await import('../../server/git/indexFile.ts');
    writeFileSync(indexFile, serializeIndex(parseIndex(readFileSync(indexFile))));
    expect(cacheTreeRecords(dir)).toBeNull();
    await folio.agent
      .patch(entryUrl('content/blog/alpha.md'))
      .send({ set: { pinned: true } })
      .expect(200);
    expect(cacheTreeRecords(dir)).toBeNull();
    expectHealthyRepo(dir);
  });
});
