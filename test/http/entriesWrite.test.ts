import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteResultSchema } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

describe('writing entries: create, put, patch, delete, move', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const oidOf = (path: string) => gitCli(repo.dir, ['rev-parse', `HEAD:${path}`]);

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  describe('POST /api/entries', () => {
    it('creates a file from collection and slug, committed by the editor (201)', async () => {
      const res = await folio.agent
        .post('/api/entries')
        .send({
          collection: 'blog',
          frontMatter: { title: 'Combinação Perfeita', draft: true },
          body: 'Hello.\n',
        })
        .expect(201);
      const result = WriteResultSchema.parse(res.body);
      expect(result).toMatchObject({ id: 'content/blog/combinacao-perfeita.md', changed: true });
      expect(result.commit).toBe(gitCli(repo.dir, ['rev-parse', 'HEAD']));
      expect(result.oid).toBe(oidOf('content/blog/combinacao-perfeita.md'));
      expect(lastCommit(repo.dir)).toMatchObject({
        author: 'Ana Editor',
        email: 'ana@example.com',
        subject: 'Create "Combinação Perfeita"',
      });
      const written = readFileSync(join(repo.dir, 'content/blog/combinacao-perfeita.md'), 'utf8');
      expect(written).toMatch(/^---\n/);
      expect(written).toContain('Combinação Perfeita');
      expect(written).toMatch(/Hello\.\n$/);
      expectHealthyRepo(repo.dir);
      const listed = await folio.agent.get('/api/entries?draft=true').expect(200);
      expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(
        'content/blog/combinacao-perfeita.md',
      );
    });

    it('builds translations and bundles from lang and bundle, in the requested format', async () => {
      const en = await folio.agent
        .post('/api/entries')
        .send({
          collection: 'blog',
          slug: 'Combinação Perfeita',
          lang: 'en',
          format: 'toml',
          frontMatter: { title: 'Perfect match' },
          body: '',
        })
        .expect(201);
      expect(en.body.id).toBe('content/blog/combinacao-perfeita.en.md');
      expect(fileAtHead(repo.dir, en.body.id)).toMatch(/^\+\+\+\n/);
      const bundle = await folio.agent
        .post('/api/entries')
        .send({
          collection: 'docs',
          slug: 'setup',
          bundle: true,
          frontMatter: { title: 'Setup' },
          body: 'x\n',
          message: 'Docs: add setup',
        })
        .expect(201);
      expect(bundle.body.id).toBe('content/docs/setup/index.md');
      expect(lastCommit(repo.dir).subject).toBe('Docs: add setup');
    });

    it('refuses a slug that is taken, as a file or as a bundle (409)', async () => {
      const res = await folio.agent
        .post('/api/entries')
        .send({ collection: 'blog', slug: 'alpha', frontMatter: { title: 'x' }, body: '' })
        .expect(409);
      expect(res.body.error).toMatchObject({
        code: 'conflict',
        details: { reason: 'exists', id: 'content/blog/alpha.md' },
      });
      await folio.agent
        .post('/api/entries')
        .send({ collection: 'blog', slug: 'bundle', frontMatter: { title: 'x' }, body: '' })
        .expect(409);
    });

    it('validates the request (400) and needs a session (401)', async () => {
      const before = commitCount(repo.dir);
      await folio.agent.post('/api/entries').send({ collection: 'blog', body: '' }).expect(400);
      await folio.agent
        .post('/api/entries')
        .send({ collection: 'blog', frontMatter: {}, body: '' })
        .expect(400); // no title, no slug
      await folio.agent
        .post('/api/entries')
        .send({ collection: '../..', slug: 'x', frontMatter: {}, body: '' })
        .expect(400);
      await folio.agent
        .post('/api/entries')
        .send({ collection: 'blog', slug: 'con', frontMatter: {}, body: '' })
        .expect(400);
      await folio.agent
        .post('/api/entries')
        .send({ collection: 'blog', slug: 'x', lang: 'xx', frontMatter: {}, body: '' })
        .expect(400);
      await folio.anonymous
        .post('/api/entries')
        .send({ collection: 'blog', slug: 'x', frontMatter: {}, body: '' })
        .expect(401);
      expect(commitCount(repo.dir)).toBe(before);
    });
  });

  describe('PUT /api/entries/{id}', () => {
    it('edits one line in place and commits "Update"', async () => {
      const id = 'content/blog/alpha.md';
      const current = (await folio.agent.get(entryUrl(id)).expect(200)).body;
      const res = await folio.agent
        .put(entryUrl(id))
        .send({
          frontMatter: { ...current.frontMatter, featured: false },
          body: current.body,
          baseOid: current.oid,
        })
        .expect(200);
      expect(res.body).toMatchObject({
        id,
        changed: true,
        oid: oidOf(id),
        commit: gitCli(repo.dir, ['rev-parse', 'HEAD']),
      });
      const diff = gitCli(repo.dir, ['diff', '--unified=0', 'HEAD~1', 'HEAD', '--', id]);
      expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
        '-featured: true # keep',
        '+featured: false # keep',
      ]);
      expect(lastCommit(repo.dir)).toMatchObject({
        author: 'Ana Editor',
        subject: 'Update "Alpha: Combinação Perfeita"',
      });
      expectHealthyRepo(repo.dir);
    });

    it('makes no commit when nothing changed (changed: false)', async () => {
      const id = 'content/blog/beta.md';
      const current = (await folio.agent.get(entryUrl(id)).expect(200)).body;
      const before = commitCount(repo.dir);
      const res = await folio.agent
        .put(entryUrl(id))
        .send({ frontMatter: current.frontMatter, body: current.body, baseOid: current.oid })
        .expect(200);
      expect(res.body).toEqual({ id, oid: current.oid, commit: null, changed: false, sync: 'off' });
      expect(commitCount(repo.dir)).toBe(before);
    });

    it('refuses a stale baseOid with 409 and the current version in details', async () => {
      const id = 'content/blog/gamma.en.md';
      const old = (await folio.agent.get(entryUrl(id)).expect(200)).body;
      await folio.agent
        .put(entryUrl(id))
        .send({
          frontMatter: { ...old.frontMatter, title: 'Gamma 2' },
          body: old.body,
          baseOid: old.oid,
        })
        .expect(200);
      const res = await folio.agent
        .put(entryUrl(id))
        .send({
          frontMatter: { ...old.frontMatter, title: 'Gamma 3' },
          body: old.body,
          baseOid: old.oid,
        })
        .expect(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.details.reason).toBe('stale');
      expect(res.body.error.details.current).toMatchObject({
        id,
        oid: oidOf(id),
        frontMatter: { title: 'Gamma 2' },
      });
    });

    it('answers 422 for a file it cannot parse, and leaves it untouched', async () => {
      const id = 'content/blog/broken.md';
      const oid = oidOf(id);
      const res = await folio.agent
        .put(entryUrl(id))
        .send({ frontMatter: { title: 'Fixed' }, body: '', baseOid: oid })
        .expect(422);
      expect(res.body.error.code).toBe('unparseable');
      await folio.agent
        .patch(entryUrl(id))
        .send({ set: { draft: true } })
        .expect(422);
      expect(oidOf(id)).toBe(oid);
    });

    it('answers 400, 404 and 401 where they apply', async () => {
      const id = 'content/blog/beta.md';
      await folio.agent.put(entryUrl(id)).send({ frontMatter: {}, body: '' }).expect(400); // no baseOid
      await folio.agent
        .put(entryUrl(id))
        .send({ frontMatter: {}, body: '', baseOid: 'abc' })
        .expect(400);
      // A "__proto__" key is refused (400): no prototype pollution, no change to the file.
      const current = (await folio.agent.get(entryUrl(id)).expect(200)).body;
      const polluting = JSON.stringify({
        frontMatter: current.frontMatter,
        body: current.body,
        baseOid: current.oid,
      }).replace('"frontMatter":{', '"frontMatter":{"__proto__":{"polluted":true},');
      const res = await folio.agent
        .put(entryUrl(id))
        .set('Content-Type', 'application/json')
        .send(polluting)
        .expect(400);
      expect(res.body.error.message).toMatch(/__proto__/);
      expect(oidOf(id)).toBe(current.oid);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await folio.agent
        .put(entryUrl('content/blog/missing.md'))
        .send({ frontMatter: {}, body: '', baseOid: oidOf(id) })
        .expect(404);
      await folio.anonymous
        .put(entryUrl(id))
        .send({ frontMatter: {}, body: '', baseOid: oidOf(id) })
        .expect(401);
    });
  });

  describe('PATCH /api/entries/{id}', () => {
    it('sets and unsets keys on the current version', async () => {
      const id = 'content/docs/intro.md';
      const res = await folio.agent
        .patch(entryUrl(id))
        .send({ set: { draft: true, weight: 3 }, unset: ['date'] })
        .expect(200);
      expect(res.body.changed).toBe(true);
      const entry = (await folio.agent.get(entryUrl(id)).expect(200)).body;
      expect(entry.frontMatter).toEqual({ title: 'Intro', draft: true, weight: 3 });
      expect(lastCommit(repo.dir).subject).toBe('Update "Intro"');
    });

    it('is a no-op without changes, 409 with a stale baseOid, 400 for contradictions', async () => {
      const id = 'content/docs/intro.md';
      const before = commitCount(repo.dir);
      expect(
        (
          await folio.agent
            .patch(entryUrl(id))
            .send({ set: { draft: true } })
            .expect(200)
        ).body.changed,
      ).toBe(false);
      expect(commitCount(repo.dir)).toBe(before);
      const stale = gitCli(repo.dir, ['rev-parse', 'HEAD~1:content/docs/intro.md']);
      await folio.agent
        .patch(entryUrl(id))
        .send({ set: { draft: false }, baseOid: stale })
        .expect(409);
      await folio.agent
        .patch(entryUrl(id))
        .send({ set: { draft: false }, unset: ['draft'] })
        .expect(400);
      await folio.agent
        .patch(entryUrl('content/docs/none.md'))
        .send({ set: { draft: false } })
        .expect(404);
      await folio.anonymous
        .patch(entryUrl(id))
        .send({ set: { draft: false } })
        .expect(401);
    });
  });

  describe('DELETE /api/entries/{id}', () => {
    it('needs the baseOid (400), refuses a stale one (409), then deletes (200)', async () => {
      const id = 'content/about.md';
      await folio.agent.delete(entryUrl(id)).expect(400);
      await folio.agent
        .delete(entryUrl(id))
        .query({ baseOid: '0'.repeat(40) })
        .expect(409);
      const res = await folio.agent
        .delete(entryUrl(id))
        .query({ baseOid: oidOf(id) })
        .expect(200);
      expect(res.body).toMatchObject({ id, oid: null, changed: true });
      expect(existsSync(join(repo.dir, id))).toBe(false);
      expect(lastCommit(repo.dir).subject).toBe('Delete "Sobre"');
      await folio.agent.get(entryUrl(id)).expect(404);
      await folio.agent
        .delete(entryUrl(id))
        .query({ baseOid: '0'.repeat(40) })
        .expect(404);
      await folio.anonymous
        .delete(entryUrl('content/blog/beta.md'))
        .query({ baseOid: '0'.repeat(40) })
        .expect(401);
      expectHealthyRepo(repo.dir);
    });

    it('deletes a page bundle with its images', async () => {
      const id = 'content/blog/bundle/index.md';
      await folio.agent
        .delete(entryUrl(id))
        .query({ baseOid: oidOf(id) })
        .expect(200);
      expect(existsSync(join(repo.dir, 'content/blog/bundle'))).toBe(false);
      expect(gitCli(repo.dir, ['ls-files', 'content/blog/bundle'])).toBe('');
      expectHealthyRepo(repo.dir);
    });
  });

  describe('POST /api/entries/{id}/move', () => {
    it('renames the file, keeps its blob, and the old id is gone', async () => {
      const id = 'content/blog/beta.md';
      const oid = oidOf(id);
      const res = await folio.agent
        .post(entryUrl(id, '/move'))
        .send({ to: 'content/docs/beta-notes.md', baseOid: oid })
        .expect(200);
      expect(res.body).toMatchObject({ id: 'content/docs/beta-notes.md', oid, changed: true });
      expect(oidOf('content/docs/beta-notes.md')).toBe(oid);
      expect(lastCommit(repo.dir).subject).toBe('Move "Beta" to content/docs/beta-notes.md');
      expect(gitCli(repo.dir, ['diff', '--name-status', '-M', 'HEAD~1', 'HEAD'])).toBe(
        'R100\tcontent/blog/beta.md\tcontent/docs/beta-notes.md',
      );
      await folio.agent.get(entryUrl(id)).expect(404);
      expectHealthyRepo(repo.dir);
    });

    it('moves a bundle folder with its images', async () => {
      const created = await folio.agent
        .post('/api/entries')
        .send({
          collection: 'blog',
          slug: 'trip',
          bundle: true,
          frontMatter: { title: 'Trip' },
          body: '',
        })
        .expect(201);
      const res = await folio.agent
        .post(entryUrl(created.body.id, '/move'))
        .send({ to: 'content/blog/voyage/index.md', baseOid: created.body.oid })
        .expect(200);
      expect(res.body.id).toBe('content/blog/voyage/index.md');
      expect(existsSync(join(repo.dir, 'content/blog/trip'))).toBe(false);
      expectHealthyRepo(repo.dir);
    });

    it('answers 409 when the target exists or the base is stale, 400 for bad targets, 404 and 401', async () => {
      const id = 'content/blog/alpha.md';
      const oid = oidOf(id);
      await folio.agent
        .post(entryUrl(id, '/move'))
        .send({ to: 'content/blog/gamma.en.md', baseOid: oid })
        .expect(409);
      await folio.agent
        .post(entryUrl(id, '/move'))
        .send({ to: 'content/blog/elsewhere.md', baseOid: '1'.repeat(40) })
        .expect(409);
      await folio.agent
        .post(entryUrl(id, '/move'))
        .send({ to: '../outside.md', baseOid: oid })
        .expect(400);
      await folio.agent
        .post(entryUrl(id, '/move'))
        .send({ to: 'static/alpha.md', baseOid: oid })
        .expect(400);
      await folio.agent
        .post(entryUrl(id, '/move'))
        .send({ to: 'content/blog/alpha.txt', baseOid: oid })
        .expect(400);
      await folio.agent.post(entryUrl(id, '/move')).send({ baseOid: oid }).expect(400);
      await folio.agent
        .post(entryUrl('content/blog/none.md', '/move'))
        .send({ to: 'content/blog/x.md', baseOid: oid })
        .expect(404);
      await folio.anonymous
        .post(entryUrl(id, '/move'))
        .send({ to: 'content/blog/x.md', baseOid: oid })
        .expect(401);
      expect(oidOf(id)).toBe(oid);
    });
  });

  it('leaves a history native git agrees with: every commit by the editor, fsck clean', () => {
    const authors = gitCli(repo.dir, ['log', '--format=%an']).split('\n');
    expect(authors[authors.length - 1]).toBe('Fixture Author');
    expect(new Set(authors.slice(0, -1))).toEqual(new Set(['Ana Editor']));
    expect(gitCli(repo.dir, ['rev-list', '--min-parents=2', 'HEAD'])).toBe('');
    expectHealthyRepo(repo.dir);
  });
});
