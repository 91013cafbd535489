import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_FROM_BYTES, createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { loginAgent } from '../support/loginAgent.ts';
import { makeSampleRepo } from '../support/tempRepo.ts';

/** A built client as Vite lays it out: index.html naming a content-hashed asset. */
function makeClientDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>',
  );
  // Large and repetitive, like real bundles: worth compressing.
  writeFileSync(join(dir, 'assets/index-AbC123.js'), 'export const x = 1;\n'.repeat(2000));
  return dir;
}

describe('serving the built client', () => {
  let repo: ReturnType<typeof makeSampleRepo>;
  let ctx: FolioContext;
  let clientDir: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    repo = makeSampleRepo();
    ctx = await openContext({ repo: repo.dir });
    clientDir = makeClientDir();
    app = createApp(ctx, { clientDir });
  });
  afterAll(() => {
    repo.cleanup();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('serves content-hashed assets gzipped and cacheable for good', async () => {
    const res = await request(app)
      .get('/assets/index-AbC123.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.text).toBe('export const x = 1;\n'.repeat(2000));
  });

  it('answers a missing asset with 404 and a hint, never with index.html', async () => {
    const res = await request(app).get('/assets/index-Old999.js').expect(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/Reload the page/);
  });

  it('serves index.html for app routes, revalidated on every load', async () => {
    const res = await request(app).get('/edit/content/blog/x.md').expect(200);
    expect(res.text).toContain('/assets/index-AbC123.js');
    expect(res.headers['cache-control']).toBe('public, max-age=0');
  });

  it('gzips big JSON answers of the API (a list page), not small ones (one entry)', async () => {
    const agent = await loginAgent(app, ctx);
    const plain = await agent
      .get('/api/entries?limit=100')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    // The sample site's list is bigger than the threshold: the case this test is about.
    expect(plain.text.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    const list = await agent
      .get('/api/entries?limit=100')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(list.headers['content-encoding']).toBe('gzip');
    expect(list.body).toEqual(plain.body);

    const id = (plain.body.items as { id: string }[])[0]!.id;
    const entry = await agent
      .get(`/api/entries/${encodeURIComponent(id)}`)
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(entry.text.length).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(entry.headers['content-encoding']).toBeUndefined();
    expect(entry.body.id).toBe(id);
  });
});
