import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio, SITE_FIXTURE } from '../support/siteFixture.ts';

const ID = 'content/blog/beta.md';

/** `{"a":{"a":...{"a":1}...}}` nested `levels` deep, as text (JSON.stringify of it would recurse). */
function nested(levels: number, open = '{"a":', close = '}'): string {
  return `${open.repeat(levels)}1${close.repeat(levels)}`;
}

describe('request bodies: nesting depth and prototype keys', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const oid = () => gitCli(repo.dir, ['rev-parse', `HEAD:${ID}`]);
  const send = (method: 'put' | 'patch' | 'post', url: string, text: string) =>
    folio.agent[method](url).set('Content-Type', 'application/json').send(text);

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    folio = await openFolio(repo.dir);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it.each([
    [
      'frontMatter of a PUT',
      'put',
      () => `{"frontMatter":{"x":${nested(3000)}},"body":"","baseOid":"${oid()}"}`,
    ],
    ['set of a PATCH', 'patch', () => `{"set":{"x":${nested(3000, '[', ']')}}}`],
    [
      'frontMatter of a POST',
      'post',
      () =>
        `{"collection":"blog","slug":"deep","frontMatter":{"title":"T","x":${nested(5000)}},"body":""}`,
    ],
  ] as const)(
    'answers 400 naming the limit for 3,000+ levels in the %s',
    async (_what, method, body) => {
      const before = gitCli(repo.dir, ['rev-parse', 'HEAD']);
      const res = await send(method, method === 'post' ? '/api/entries' : entryUrl(ID), body());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(/nested deeper than \d+ levels/);
      expect(res.body.error.details).toMatchObject({ reason: 'too_deep' });
      expect(gitCli(repo.dir, ['rev-parse', 'HEAD'])).toBe(before);
    },
  );

  it('refuses deep bodies before a session is even checked', async () => {
    const res = await folio.anonymous
      .post('/api/session')
      .set('Content-Type', 'application/json')
      .send(`{"username":${nested(4000)},"password":"x"}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nested deeper/);
  });

  it('still takes nested front matter the engine can write (30 levels under a key)', async () => {
    const res = await send(
      'patch',
      entryUrl(ID),
      `{"set":{"deep":${nested(30)}},"baseOid":"${oid()}"}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(true);
  });

  it.each([
    [
      'frontMatter',
      (o: string) =>
        `{"frontMatter":{"__proto__":{"polluted":true},"title":"Beta"},"body":"","baseOid":"${o}"}`,
      'put',
    ],
    [
      'a nested value',
      (o: string) =>
        `{"frontMatter":{"title":"Beta","params":[{"__proto__":{}}]},"body":"","baseOid":"${o}"}`,
      'put',
    ],
    ['set', (o: string) => `{"set":{"__proto__":{"polluted":true}},"baseOid":"${o}"}`, 'patch'],
  ] as const)(
    'refuses a "__proto__" key in %s with 400 (it was dropped silently)',
    async (_where, body, method) => {
      const before = oid();
      const res = await send(method, entryUrl(ID), body(before));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(/__proto__/);
      expect(oid()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
