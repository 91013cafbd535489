import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitListSchema, EntrySchema } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

describe('history of a deleted entry', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('lists the deleting commit first, marked deleted, and restores from the one below it', async () => {
    const id = 'content/about.md';
    const entry = EntrySchema.parse((await folio.agent.get(entryUrl(id)).expect(200)).body);
    const deleted = await folio.agent
      .delete(entryUrl(id))
      .query({ baseOid: entry.oid })
      .expect(200);

    const res = await folio.agent.get(entryUrl(id, '/history')).expect(200);
    const { items } = CommitListSchema.parse(res.body);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[0]).toMatchObject({ commit: deleted.body.commit, deleted: true, id });
    expect(items[1]!.deleted).toBeUndefined();

    const restored = await folio.agent
      .post(entryUrl(id, '/restore'))
      .send({ commit: items[1]!.commit })
      .expect(200);
    expect(restored.body).toMatchObject({ id, oid: entry.oid, changed: true });
    const after = CommitListSchema.parse(
      (await folio.agent.get(entryUrl(id, '/history')).expect(200)).body,
    ).items;
    expect(after[0]).toMatchObject({ commit: restored.body.commit, id });
    expect(after[0]!.deleted).toBeUndefined();
  });

  it('answers 404 for a path no entry ever had', async () => {
    await folio.agent.get(entryUrl('content/blog/never-was.md', '/history')).expect(404);
    await folio.agent.get(entryUrl('README.txt', '/history')).expect(404);
  });
});
