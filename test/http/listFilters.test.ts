import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryListSchema } from '../../shared/api/contract.ts';
import { openFolio } from '../support/siteFixture.ts';
import { makeSampleRepo } from '../support/tempRepo.ts';

describe('list filters by term prefix, ignoring case and accents', () => {
  let repo: ReturnType<typeof makeSampleRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;

  beforeAll(async () => {
    repo = makeSampleRepo();
    folio = await openFolio(repo.dir);
  });
  afterAll(() => repo.cleanup());

  const list = async (query: Record<string, string>) =>
    EntryListSchema.parse((await folio.agent.get('/api/entries').query(query).expect(200)).body)
      .items;

  it('matches a tag, an author or a category by the start of a word', async () => {
    const kube = await list({ tag: 'kube' });
    expect(kube.length).toBeGreaterThan(0);
    expect(kube.every((e) => e.tags.includes('Kubernetes'))).toBe(true);
    expect(await list({ tag: 'kubernetes' })).toEqual(kube);
    const lucia = await list({ author: 'Lucia' });
    expect(lucia.length).toBeGreaterThan(0);
    expect(lucia.every((e) => e.authors.includes('Lucía Fernández'))).toBe(true);
    expect(await list({ author: 'fernandez' })).toEqual(lucia);
    expect(await list({ tag: 'ubernetes' })).toEqual([]);
  });

  it('takes a language code in any case', async () => {
    const en = await list({ lang: 'en' });
    expect(en.length).toBeGreaterThan(0);
    expect(await list({ lang: 'EN' })).toEqual(en);
  });
});
