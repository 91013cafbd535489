import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import { makeSampleRepo, PROJECT_ROOT } from '../support/tempRepo.ts';

function markdownFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? markdownFiles(join(dir, d.name), `${prefix}${d.name}/`)
      : d.name.endsWith('.md')
        ? [`${prefix}${d.name}`]
        : [],
  );
}

describe('the sample site', () => {
  let repo: ReturnType<typeof makeSampleRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const reference = 'content/blog/openinfradays-scale-2025.md';

  beforeAll(async () => {
    repo = makeSampleRepo();
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('lists every Markdown file of content/ with its language', async () => {
    const expected = markdownFiles(join(PROJECT_ROOT, 'content', 'content')).map(
      (f) => `content/${f}`,
    );
    const res = await folio.agent.get('/api/entries').query({ limit: 500 }).expect(200);
    expect(res.body.items.map((e: { id: string }) => e.id).sort()).toEqual(expected.sort());
    const langs = new Set(res.body.items.map((e: { lang: string }) => e.lang));
    expect([...langs].sort()).toEqual(['en', 'es', 'pt']);
  });

  it('flips a flag on the reference post with a one-line commit by the editor', async () => {
    const { body } = await folio.agent.get(entryUrl(reference)).expect(200);
    expect(body.frontMatter).toMatchObject({ featured: true, date: '2025-04-18T10:00:00-06:00' });
    await folio.agent
      .patch(entryUrl(reference))
      .send({ set: { featured: false } })
      .expect(200);
    const diff = gitCli(repo.dir, ['diff', '--unified=0', 'HEAD~1', 'HEAD']);
    expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      '-featured: true',
      '+featured: false',
    ]);
    expect(lastCommit(repo.dir)).toMatchObject({ author: 'Ana Editor', email: 'ana@example.com' });
  });

  it('saves the reference post unchanged without a commit (byte-identical no-op)', async () => {
    const { body } = await folio.agent.get(entryUrl(reference)).expect(200);
    const res = await folio.agent
      .put(entryUrl(reference))
      .send({ frontMatter: body.frontMatter, body: body.body, baseOid: body.oid })
      .expect(200);
    expect(res.body.changed).toBe(false);
  });
});
