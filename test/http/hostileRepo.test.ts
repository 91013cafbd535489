import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

// Files a real repository may hold that Folio must list correctly or leave alone byte for byte.
describe('odd files in a real repository', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dir: string;
  let folio: Awaited<ReturnType<typeof openFolio>>;
  const latin1Name = Buffer.from('content/blog/caf\xe9.md', 'latin1');

  beforeAll(async () => {
    tmp = makeTempDir();
    dir = join(tmp.path, 'site');
    mkdirSync(join(dir, 'content/blog'), { recursive: true });
    gitCli(dir, ['init', '-q', '-b', 'main']);
    writeFileSync(
      join(dir, 'content/blog/crlf.md'),
      '\uFEFF---\r\ntitle: CRLF\r\ndraft: true\r\n---\r\nBody\r\n',
    );
    writeFileSync(
      join(dir, 'content/blog/binary.md'),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0x0a]),
    );
    writeFileSync(join(dir, 'content/blog/script.md'), '---\ntitle: Executable\n---\n');
    chmodSync(join(dir, 'content/blog/script.md'), 0o755);
    writeFileSync(join(dir, 'content/blog/con.md'), '---\ntitle: Windows cannot have me\n---\n');
    writeFileSync(
      Buffer.concat([Buffer.from(`${dir}/`), latin1Name]),
      '---\ntitle: Latin-1 name\n---\n',
    );
    symlinkSync('crlf.md', join(dir, 'content/blog/link.md'));
    gitCli(dir, ['add', '-A']);
    gitCli(dir, ['commit', '-q', '-m', 'Odd files']);
    folio = await openFolio(dir);
  });
  afterAll(() => tmp.cleanup());

  it('lists only files it can name safely and read as entries', async () => {
    const ids = (await folio.agent.get('/api/entries').expect(200)).body.items
      .map((e: { id: string }) => e.id)
      .sort();
    expect(ids).toEqual([
      'content/blog/binary.md',
      'content/blog/crlf.md',
      'content/blog/script.md',
    ]);
  });

  it('keeps the BOM and CRLF line ends when a flag flips', async () => {
    await folio.agent
      .patch(entryUrl('content/blog/crlf.md'))
      .send({ set: { draft: false } })
      .expect(200);
    expect(gitCli(dir, ['show', 'HEAD:content/blog/crlf.md'])).toBe(
      // (gitCli trims the final CRLF)
      '\uFEFF---\r\ntitle: CRLF\r\ndraft: false\r\n---\r\nBody',
    );
  });

  it('shows a file that is not UTF-8 read-only and refuses to rewrite it', async () => {
    const res = await folio.agent.get(entryUrl('content/blog/binary.md')).expect(200);
    expect(res.body.parseError.message).toMatch(/UTF-8/);
    await folio.agent
      .patch(entryUrl('content/blog/binary.md'))
      .send({ set: { draft: true } })
      .expect(422);
  });

  it('keeps the executable bit, the symlink and the names it does not list', async () => {
    await folio.agent
      .patch(entryUrl('content/blog/script.md'))
      .send({ set: { draft: true } })
      .expect(200);
    const tree = gitCli(dir, ['-c', 'core.quotepath=true', 'ls-tree', 'HEAD', 'content/blog/']);
    expect(tree).toMatch(/^100755 blob [0-9a-f]{40}\tcontent\/blog\/script\.md$/m);
    expect(tree).toMatch(/^120000 blob [0-9a-f]{40}\tcontent\/blog\/link\.md$/m);
    expect(tree).toMatch(/^100644 blob [0-9a-f]{40}\t"content\/blog\/caf\\351\.md"$/m);
    expect(tree).toMatch(/\tcontent\/blog\/con\.md$/m);
    await folio.agent.get(entryUrl('content/blog/con.md')).expect(400);
    await folio.agent.get(entryUrl('content/blog/link.md')).expect(404);
    expectHealthyRepo(dir);
  });
});
