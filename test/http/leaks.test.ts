import { realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitOutside, makeBareClone, makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const ID = 'content/blog/alpha.md';

describe('what answers must not give away', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  async function setup(bare = false) {
    const repo = makeFixtureRepo(SITE_FIXTURE);
    cleanups.push(repo.cleanup);
    const dir = bare ? makeBareClone(repo.dir) : repo.dir;
    return { dir, folio: await openFolio(dir) };
  }
  async function save(folio: Awaited<ReturnType<typeof openFolio>>, title: string) {
    const { body } = await folio.agent.get(entryUrl(ID)).expect(200);
    return folio.agent
      .put(entryUrl(ID))
      .send({ frontMatter: { ...body.frontMatter, title }, body: body.body, baseOid: body.oid });
  }

  it('answers anonymous health with {ok} only; head and progress need a session', async () => {
    const { dir, folio } = await setup();
    const anonymous = await folio.anonymous.get('/api/health').expect(200);
    expect(anonymous.body).toEqual({ ok: true });
    const signedIn = await folio.agent.get('/api/health').expect(200);
    expect(signedIn.body).toEqual({
      ok: true,
      head: gitCli(dir, ['rev-parse', 'HEAD']),
      historyIndex: {
        ready: expect.any(Boolean),
        indexed: expect.any(Number),
        total: expect.any(Number),
      },
    });
  });

  it('names a held index.lock relative to the repository, never by its absolute path', async () => {
    const { dir, folio } = await setup();
    const lock = join(dir, '.git/index.lock');
    writeFileSync(lock, '');
    const res = await save(folio, 'Locked');
    unlinkSync(lock);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'locked', lock: '.git/index.lock' });
    expect(res.body.error.message).toContain('.git/index.lock');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(dir);
    expect(text).not.toContain(realpathSync(dir));
    expect((await save(folio, 'Unlocked')).status).toBe(200);
    expectHealthyRepo(dir);
  });

  it('names a held branch lock of a bare repository relative to it', async () => {
    const { dir, folio } = await setup(true);
    const lock = join(dir, 'refs/heads/main.lock');
    writeFileSync(lock, '');
    const res = await save(folio, 'Locked');
    unlinkSync(lock);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'locked' });
    expect(JSON.stringify(res.body)).not.toContain(dir);
    expect(res.body.error.details.lock).toBe('refs/heads/main.lock');
  });

  it('lists, opens and saves a file committed under an NFD name (by its own name)', async () => {
    const { dir, folio } = await setup();
    const nfd = 'content/blog/cafe\u0301.md';
    gitCli(dir, ['config', 'core.precomposeUnicode', 'false']);
    commitOutside(dir, { [nfd]: '---\ntitle: Café\n---\nDecomposed name.\n' }, 'Add café (NFD)');
    expect(gitCli(dir, ['ls-files', '-z', 'content/blog']).split('\0')).toContain(nfd);

    const list = await folio.agent.get('/api/entries?collection=blog&limit=500').expect(200);
    const item = list.body.items.find((e: { title: string }) => e.title === 'Café');
    expect(item?.id).toBe(nfd);
    const entry = await folio.agent.get(entryUrl(nfd)).expect(200);
    expect(entry.body.body).toBe('Decomposed name.\n');
    // The NFC spelling names the same entry, as ids are compared in NFC.
    await folio.agent.get(entryUrl(nfd.normalize('NFC'))).expect(200);
    const res = await folio.agent
      .put(entryUrl(nfd))
      .send({
        frontMatter: { title: 'Café au lait' },
        body: entry.body.body,
        baseOid: entry.body.oid,
      })
      .expect(200);
    expect(res.body.id).toBe(nfd);
    expect(gitCli(dir, ['show', `HEAD:${nfd}`])).toContain('Café au lait');
    expect(gitCli(dir, ['ls-files', '-z', 'content/blog']).split('\0')).not.toContain(
      nfd.normalize('NFC'),
    );
    expectHealthyRepo(dir);
  });
});
