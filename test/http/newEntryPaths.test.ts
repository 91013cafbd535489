import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectionListSchema } from '../../shared/api/contract.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

describe('collections say where a new entry goes', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('names, per language, the path POST /api/entries then creates', async () => {
    const res = await folio.agent.get('/api/collections').expect(200);
    const blog = CollectionListSchema.parse(res.body).items.find((c) => c.name === 'blog')!;
    const paths = blog.newEntryPaths!;
    expect(paths['']).toMatch(/^content\/blog\/\{slug\}(\/index)?\.md$/);
    for (const [lang, template] of Object.entries(paths)) {
      const slug = `novo-${lang || 'default'}`;
      const created = await folio.agent
        .post('/api/entries')
        .send({
          collection: 'blog',
          slug,
          ...(lang ? { lang } : {}),
          frontMatter: { title: slug },
          body: '',
        })
        .expect(201);
      expect(created.body.id).toBe(template.replace('{slug}', slug));
    }
  });
});
