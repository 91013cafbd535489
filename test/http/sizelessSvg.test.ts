import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { expectHealthyRepo, lastCommit } from '../support/repoChecks.ts';

// No width, height or viewBox: librsvg refuses the first ("bad dimensions") and guesses the second's size.
const EMPTY_SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>\n');
const DRAWN_SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100%"><circle cx="5" cy="5" r="4"/></svg>\n',
);
const DRAWN_NO_SIZE = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><circle cx="5" cy="5" r="4" fill="red"/></svg>\n',
);

describe('an SVG without width, height or viewBox is an image of unknown size', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let agent: Awaited<ReturnType<typeof loginAgent>>;
  const upload = (name: string, bytes: Buffer) =>
    agent
      .post('/api/media/uploads')
      .query({ name })
      .set('Content-Type', 'image/svg+xml')
      .send(bytes);

  beforeAll(async () => {
    repo = makeFixtureRepo({
      'hugo.toml': 'title = "x"\n',
      'content/posts/a.md': '---\ntitle: A\n---\n![x](/images/committed.svg)\n',
      'static/images/committed.svg': DRAWN_NO_SIZE,
    });
    const ctx = await openContext({ repo: repo.dir, media: { now: () => new Date('2026-01-02') } });
    agent = await loginAgent(createApp(ctx), ctx);
  });
  afterAll(() => {
    expectHealthyRepo(repo.dir);
    repo.cleanup();
  });

  it('uploads byte-identical with width and height null', async () => {
    for (const [name, bytes] of [
      ['empty.svg', EMPTY_SVG],
      ['drawn.svg', DRAWN_SVG],
    ] as const) {
      const res = await upload(name, bytes).expect(201);
      expect(res.body).toMatchObject({ type: 'image/svg+xml', width: null, height: null });
      expect(lastCommit(repo.dir).subject).toBe(`Upload "${name}"`);
      const stored = execFileSync('git', ['cat-file', 'blob', `HEAD:${res.body.path}`], {
        cwd: repo.dir,
      });
      expect(stored.equals(bytes)).toBe(true);
    }
    expectHealthyRepo(repo.dir);
  });

  it('is served under the restrictive SVG policy, listed with null dimensions, and thumbnailed', async () => {
    const served = await agent
      .get('/api/images')
      .query({ entry: 'content/posts/a.md', src: '/images/committed.svg' })
      .expect(200);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toContain('sandbox');
    expect(served.headers['content-security-policy']).toContain("default-src 'none'");
    const detail = await agent.get('/api/media/detail/static/images/committed.svg').expect(200);
    expect(detail.body).toMatchObject({
      type: 'image/svg+xml',
      width: null,
      height: null,
      usedBy: ['content/posts/a.md'],
    });
    for (const path of ['static/images/committed.svg', 'static/images/uploads/2026/empty.svg']) {
      const thumb = await agent.get(`/api/media/thumbnail/${path}`).expect(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
    }
  });
});
