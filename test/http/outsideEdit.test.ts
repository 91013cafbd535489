import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { loginAgent, TEST_EDITOR } from '../support/loginAgent.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const ID = 'content/blog/alpha.md';
const ORIGINAL = SITE_FIXTURE[ID] as string;
const THEIRS = ORIGINAL.replace('Alpha body mentions kubernetes.', 'Alpha body, fixed in vim.');

describe('an uncommitted edit made outside Folio', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  async function setup() {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    const folio = await openFolio(repo.dir);
    const file = join(repo.dir, ID);
    writeFileSync(file, THEIRS);
    const outside = (await folio.agent.get(entryUrl(ID, '/outside-edit')).expect(200)).body;
    return { repo: repo.dir, folio, file, outside };
  }

  it('is shown against HEAD, with both texts and the blob ids a resolution sends back', async () => {
    const { repo, outside } = await setup();
    expect(outside).toEqual({
      id: ID,
      clean: false,
      baseOid: gitCli(repo, ['rev-parse', `HEAD:${ID}`]),
      workingOid: gitCli(repo, ['hash-object', ID]),
      head: ORIGINAL,
      working: THEIRS,
    });
    gitCli(repo, ['checkout', '--', ID]);
    const { folio } = { folio: await openFolio(repo) };
    const clean = (await folio.agent.get(entryUrl(ID, '/outside-edit')).expect(200)).body;
    expect(clean).toMatchObject({ clean: true, workingOid: clean.baseOid });
  });

  it('"keep theirs" commits their file as found, by the editor, saying it was an outside edit', async () => {
    const { repo, folio, file, outside } = await setup();
    const before = commitCount(repo);
    const res = await folio.agent
      .post(entryUrl(ID, '/outside-edit'))
      .send({ action: 'keep-theirs', baseOid: outside.baseOid, workingOid: outside.workingOid })
      .expect(200);
    expect(res.body.theirs).toMatchObject({ id: ID, oid: outside.workingOid, changed: true });
    expect(res.body.mine).toBeUndefined();
    expect(commitCount(repo)).toBe(before + 1);
    expect(fileAtHead(repo, ID)).toBe(THEIRS.trimEnd());
    expect(readFileSync(file, 'utf8')).toBe(THEIRS);
    const last = lastCommit(repo);
    expect(last).toMatchObject({
      author: TEST_EDITOR.name,
      email: TEST_EDITOR.email,
      subject: 'Commit outside edit to "Alpha: Combinação Perfeita"',
    });
    expect(gitCli(repo, ['log', '-1', '--format=%b'])).toContain(
      'This edit was made in the working tree outside Folio. Ana Editor (ana) committed it',
    );
    // Folio's own read of the entry follows at once.
    const entry = (await folio.agent.get(entryUrl(ID)).expect(200)).body;
    expect(entry).toMatchObject({ oid: outside.workingOid, body: '\nAlpha body, fixed in vim.\n' });
    expectHealthyRepo(repo);
  });

  it('"save mine over it" keeps theirs in history, then commits mine on top', async () => {
    const { repo, folio, file, outside } = await setup();
    const before = commitCount(repo);
    const entry = (await folio.agent.get(entryUrl(ID)).expect(200)).body;
    const res = await folio.agent
      .post(entryUrl(ID, '/outside-edit'))
      .send({
        action: 'save-mine',
        baseOid: outside.baseOid,
        workingOid: outside.workingOid,
        frontMatter: { ...entry.frontMatter, title: 'Alpha, mine' },
        body: '\nMy body.\n',
      })
      .expect(200);
    expect(res.body.theirs).toMatchObject({ oid: outside.workingOid, changed: true });
    expect(res.body.mine).toMatchObject({ id: ID, changed: true });
    expect(commitCount(repo)).toBe(before + 2);
    expect(gitCli(repo, ['show', `HEAD~1:${ID}`])).toBe(THEIRS.trimEnd());
    expect(gitCli(repo, ['log', '-2', '--format=%s'])).toBe(
      'Update "Alpha, mine"\nCommit outside edit to "Alpha: Combinação Perfeita"',
    );
    const mine = readFileSync(file, 'utf8');
    expect(mine).toContain('title: "Alpha, mine"');
    expect(mine).toContain('featured: true # keep');
    expect(mine.endsWith('\nMy body.\n')).toBe(true);
    expect(fileAtHead(repo, ID)).toBe(mine.trimEnd());
    expectHealthyRepo(repo);
  });

  it('refuses a file edited again since it was reviewed, and a stale base, committing nothing', async () => {
    const { repo, folio, file, outside } = await setup();
    const before = commitCount(repo);
    const again = `${THEIRS}One more line, typed after the review.\n`;
    writeFileSync(file, again);
    const res = await folio.agent
      .post(entryUrl(ID, '/outside-edit'))
      .send({ action: 'keep-theirs', baseOid: outside.baseOid, workingOid: outside.workingOid })
      .expect(409);
    expect(res.body.error.details).toMatchObject({
      reason: 'uncommitted_changes',
      files: [{ path: ID, reason: 'changed again since you reviewed it' }],
    });
    expect(res.body.error.message).toMatch(/Look at it again/);
    expect(readFileSync(file, 'utf8')).toBe(again);
    const stale = await folio.agent
      .post(entryUrl(ID, '/outside-edit'))
      .send({ action: 'keep-theirs', baseOid: '0'.repeat(40), workingOid: outside.workingOid })
      .expect(409);
    expect(stale.body.error.details.reason).toBe('stale');
    expect(commitCount(repo)).toBe(before);
    expect(gitCli(repo, ['status', '--porcelain'])).toBe(` M ${ID}`);
    gitCli(repo, ['fsck', '--strict', '--no-progress']);
  });

  it('says a deleted file can only be resolved with git', async () => {
    const { repo, folio, file, outside } = await setup();
    rmSync(file);
    const gone = (await folio.agent.get(entryUrl(ID, '/outside-edit')).expect(200)).body;
    expect(gone).toMatchObject({ clean: false, workingOid: null, working: null });
    expect(gone.blocked).toMatch(/deleted .* git checkout/);
    await folio.agent
      .post(entryUrl(ID, '/outside-edit'))
      .send({ action: 'keep-theirs', baseOid: outside.baseOid, workingOid: outside.workingOid })
      .expect(409);
    expect(gitCli(repo, ['status', '--porcelain'])).toBe(` D ${ID}`);
  });

  it('is for those who may edit the entry: a viewer may look but not resolve', async () => {
    const { repo, folio, file, outside } = await setup();
    const viewer = await loginAgent(folio.app, folio.ctx, {
      username: 'vic',
      name: 'Vic Viewer',
      email: 'vic@example.com',
      role: 'viewer',
    });
    await viewer.get(entryUrl(ID, '/outside-edit')).expect(200);
    const res = await viewer
      .post(entryUrl(ID, '/outside-edit'))
      .send({ action: 'keep-theirs', baseOid: outside.baseOid, workingOid: outside.workingOid })
      .expect(403);
    expect(res.body.error.details.permission).toBe('entry.edit');
    await folio.agent
      .post(entryUrl(ID, '/outside-edit'))
      .send({ action: 'save-mine', baseOid: outside.baseOid, workingOid: outside.workingOid })
      .expect(400);
    expect(readFileSync(file, 'utf8')).toBe(THEIRS);
    expect(gitCli(repo, ['status', '--porcelain'])).toBe(` M ${ID}`);
  });
});
