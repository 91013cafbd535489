import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitOutside, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const ID = 'content/blog/alpha.md';

describe('the working tree and its index stay in step', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  async function setup() {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    return { repo, folio: await openFolio(repo.dir) };
  }
  async function save(folio: Awaited<ReturnType<typeof openFolio>>, id: string, title: string) {
    const { body } = await folio.agent.get(entryUrl(id)).expect(200);
    return folio.agent
      .put(entryUrl(id))
      .send({ frontMatter: { ...body.frontMatter, title }, body: body.body, baseOid: body.oid });
  }

  it('writes saves into the working tree so that git status stays empty', async () => {
    const { repo, folio } = await setup();
    await save(folio, ID, 'Live').then((r) => expect(r.status).toBe(200));
    expect(readFileSync(join(repo.dir, ID), 'utf8')).toContain('title: "Live"');
    expect(gitCli(repo.dir, ['diff-index', '--cached', 'HEAD'])).toBe('');
    expectHealthyRepo(repo.dir);
  });

  it('refuses to save over uncommitted edits made outside Folio (409) and leaves them alone', async () => {
    const { repo, folio } = await setup();
    const file = join(repo.dir, ID);
    const edited = `${readFileSync(file, 'utf8')}Typed in vim, not committed.\n`;
    writeFileSync(file, edited);
    const before = commitCount(repo.dir);
    const res = await save(folio, ID, 'Clobber?');
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({
      reason: 'uncommitted_changes',
      files: [{ path: ID, reason: 'uncommitted edits' }],
    });
    expect(res.body.error.message).toMatch(/uncommitted/i);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(commitCount(repo.dir)).toBe(before);
    // Other files are not affected, and once the edit is gone the save goes through.
    expect((await save(folio, 'content/blog/beta.md', 'Beta 2')).status).toBe(200);
    gitCli(repo.dir, ['checkout', '--', ID]);
    expect((await save(folio, ID, 'Now it works')).status).toBe(200);
    expectHealthyRepo(repo.dir);
  });

  it('refuses staged changes, deleted files and untracked files in the way', async () => {
    const { repo, folio } = await setup();
    writeFileSync(join(repo.dir, ID), 'staged\n');
    gitCli(repo.dir, ['add', ID]);
    expect((await save(folio, ID, 'x')).status).toBe(409);
    gitCli(repo.dir, ['reset', '-q', '--hard']);

    gitCli(repo.dir, ['rm', '-q', '--cached', 'content/blog/beta.md']);
    expect((await save(folio, 'content/blog/beta.md', 'x')).status).toBe(409);
    gitCli(repo.dir, ['reset', '-q', '--hard']);

    writeFileSync(join(repo.dir, 'content/blog/fresh.md'), 'mine\n');
    const res = await folio.agent
      .post('/api/entries')
      .send({ collection: 'blog', slug: 'fresh', frontMatter: { title: 'Fresh' }, body: '' });
    expect(res.status).toBe(409);
    expect(readFileSync(join(repo.dir, 'content/blog/fresh.md'), 'utf8')).toBe('mine\n');
  });

  it('keeps deletes and moves in step with the working tree', async () => {
    const { repo, folio } = await setup();
    const oid = gitCli(repo.dir, ['rev-parse', `HEAD:${ID}`]);
    await folio.agent
      .post(entryUrl(ID, '/move'))
      .send({ to: 'content/docs/alpha.md', baseOid: oid })
      .expect(200);
    expect(existsSync(join(repo.dir, ID))).toBe(false);
    expect(existsSync(join(repo.dir, 'content/docs/alpha.md'))).toBe(true);
    await folio.agent.delete(entryUrl('content/docs/alpha.md')).query({ baseOid: oid }).expect(200);
    expect(existsSync(join(repo.dir, 'content/docs/alpha.md'))).toBe(false);
    expectHealthyRepo(repo.dir);
  });

  it('builds on commits made outside Folio, and 409s a save based on a version they replaced', async () => {
    const { repo, folio } = await setup();
    const { body } = await folio.agent.get(entryUrl(ID)).expect(200);
    const outside = commitOutside(
      repo.dir,
      { [ID]: SITE_FIXTURE[ID]!.toString().replace('Alpha body', 'Shell body') },
      'Edit in the shell',
    );
    const stale = await folio.agent
      .put(entryUrl(ID))
      .send({ frontMatter: body.frontMatter, body: 'Mine\n', baseOid: body.oid });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.body).toContain('Shell body');
    expect((await save(folio, 'content/blog/beta.md', 'After the shell')).status).toBe(200);
    expect(gitCli(repo.dir, ['rev-parse', 'HEAD~1'])).toBe(outside);
    expectHealthyRepo(repo.dir);
  });

  it('keeps the index right for index version 4 and with an untracked cache', async () => {
    const { repo, folio } = await setup();
    gitCli(repo.dir, ['update-index', '--index-version', '4']);
    gitCli(repo.dir, ['config', 'core.untrackedCache', 'true']);
    gitCli(repo.dir, ['status', '--porcelain']);
    expect((await save(folio, ID, 'V4')).status).toBe(200);
    expect(
      (
        await folio.agent
          .post('/api/entries')
          .send({ collection: 'blog', slug: 'aa', frontMatter: { title: 'AA' }, body: '' })
      ).status,
    ).toBe(201);
    expect(readFileSync(join(repo.dir, '.git/index')).readUInt32BE(4)).toBe(4);
    expect(gitCli(repo.dir, ['ls-files', '--stage', 'content/blog/aa.md'])).toMatch(
      /^100644 [0-9a-f]{40} 0\tcontent\/blog\/aa\.md$/,
    );
    expectHealthyRepo(repo.dir);
  });

  it('answers 409 while another git process holds index.lock, then works again', async () => {
    const { repo, folio } = await setup();
    const lock = join(repo.dir, '.git/index.lock');
    writeFileSync(lock, '');
    const res = await save(folio, ID, 'Locked');
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'locked' });
    gitCli(repo.dir, ['status', '--porcelain']); // git itself still reads
    await import('node:fs/promises').then((fs) => fs.unlink(lock));
    expect((await save(folio, ID, 'Unlocked')).status).toBe(200);
    expectHealthyRepo(repo.dir);
  });

  it('refuses writes on a detached HEAD but still reads', async () => {
    const { repo, folio } = await setup();
    gitCli(repo.dir, ['checkout', '-q', '--detach']);
    await folio.agent.get(entryUrl(ID)).expect(200);
    const res = await save(folio, ID, 'Detached');
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe('detached_head');
  });

  it('appends to the reflog like git commit does', async () => {
    const { repo, folio } = await setup();
    await save(folio, ID, 'Logged');
    expect(gitCli(repo.dir, ['reflog', '-1', '--format=%gs'])).toBe('commit: Update "Logged"');
    expect(lastCommit(repo.dir).author).toBe('Ana Editor');
  });

  it('saves a file git sees clean through a line-ending filter, but not one edited with its mtime put back', async () => {
    const { repo, folio } = await setup();
    // Checked out with CRLF: the bytes no longer hash to the blob, and git still sees them clean.
    writeFileSync(join(repo.dir, '.gitattributes'), '*.md text eol=crlf\n');
    gitCli(repo.dir, ['add', '.gitattributes']);
    gitCli(repo.dir, ['commit', '-q', '-m', 'CRLF checkouts']);
    gitCli(repo.dir, ['rm', '-q', '-r', '--cached', 'content']);
    gitCli(repo.dir, ['reset', '-q', '--hard']);
    const file = join(repo.dir, ID);
    expect(readFileSync(file, 'utf8')).toContain('\r\n');
    expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe('');
    expect((await save(folio, ID, 'Through the filter')).status).toBe(200);
    expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe('');

    // Same size, same mtime, other bytes: only the ctime tells, as it does for git.
    gitCli(repo.dir, ['update-index', '-q', '--refresh']);
    const other = 'content/blog/beta.md';
    const path = join(repo.dir, other);
    const { mtimeMs, size } = statSync(path);
    const times = join(repo.dir, '.git', 'times-of-beta');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', path, times]);
    const edited = readFileSync(path, 'utf8').replace('Beta body.', 'Beta BODY.');
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path, edited);
    execFileSync('touch', ['-r', times, path]); // to the nanosecond
    expect(statSync(path).size).toBe(size);
    expect(statSync(path).mtimeMs).toBe(mtimeMs);
    expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe(` M ${other}`);
    const res = await save(folio, other, 'Clobber?');
    expect(res.status).toBe(409);
    expect(res.body.error.details.files).toEqual([{ path: other, reason: 'uncommitted edits' }]);
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });
});
