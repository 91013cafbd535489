import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';

// Attributes that change a file's bytes between the blob and the working tree, applied as git
// applies them: eol=crlf (and core.autocrlf) line endings, and a filter driver (Git LFS), whose
// stored form (a pointer) must never be written where the real file belongs.

const POST = 'content/posts/hello.md';
const TEXT = '---\ntitle: Hello\ntags: [a]\n---\nFirst line.\nSecond line.\n';

// A clean filter that stores what git-lfs stores: a pointer naming the content's sha256 and size.
const LFS_CLEAN = `python3 -c "import sys,hashlib; d=sys.stdin.buffer.read(); sys.stdout.write('version https://git-lfs.github.com/spec/v1\\\\noid sha256:%s\\\\nsize %d\\\\n' % (hashlib.sha256(d).hexdigest(), len(d)))"`;

describe('.gitattributes and core.autocrlf', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  async function saveTitle(folio: Awaited<ReturnType<typeof openFolio>>, title: string) {
    const { body } = await folio.agent.get(entryUrl(POST)).expect(200);
    return folio.agent
      .put(entryUrl(POST))
      .send({ frontMatter: { ...body.frontMatter, title }, body: body.body, baseOid: body.oid });
  }

  for (const setup of ['eol=crlf attribute', 'core.autocrlf=true'] as const) {
    it(`keeps CRLF line endings in the working tree and LF in the blob (${setup})`, async () => {
      const repo = makeFixtureRepo(
        setup === 'eol=crlf attribute'
          ? { '.gitattributes': '*.md text eol=crlf\n', [POST]: TEXT }
          : { [POST]: TEXT },
      );
      cleanups.push(repo.cleanup);
      if (setup === 'core.autocrlf=true') gitCli(repo.dir, ['config', 'core.autocrlf', 'true']);
      // A fresh checkout writes CRLF, as an editor's clone would have it (the index may be racy).
      rmSync(join(repo.dir, POST));
      gitCli(repo.dir, ['checkout', '--', POST]);
      expect(readFileSync(join(repo.dir, POST), 'utf8')).toContain('First line.\r\n');
      expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe('');

      const folio = await openFolio(repo.dir);
      const res = await saveTitle(folio, 'Hello again');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const onDisk = readFileSync(join(repo.dir, POST), 'utf8');
      expect(onDisk).toBe(
        TEXT.replace('title: Hello', 'title: Hello again').replace(/\n/g, '\r\n'),
      );
      expect(gitCli(repo.dir, ['show', `HEAD:${POST}`])).not.toContain('\r');
      expectHealthyRepo(repo.dir);
      // An edit made outside Folio is still refused, line endings or not.
      writeFileSync(join(repo.dir, POST), `${onDisk}Typed outside.\r\n`);
      const refused = await saveTitle(folio, 'Clobber?');
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.reason).toBe('uncommitted_changes');
    });
  }

  it('moves a Git LFS file with its real content, never its pointer', async () => {
    const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(5000, 7)]);
    const repo = makeFixtureRepo({
      '.gitattributes': '*.png filter=lfs diff=lfs merge=lfs -text\n',
      'content/posts/trip/index.md': '---\ntitle: Trip\n---\nPhotos.\n',
    });
    cleanups.push(repo.cleanup);
    gitCli(repo.dir, ['config', 'filter.lfs.clean', LFS_CLEAN]);
    gitCli(repo.dir, ['config', 'filter.lfs.smudge', 'cat']);
    writeFileSync(join(repo.dir, 'content/posts/trip/cover.png'), image);
    gitCli(repo.dir, ['add', 'content/posts/trip/cover.png']);
    gitCli(repo.dir, ['commit', '-q', '-m', 'Add the cover']);
    const pointer = gitCli(repo.dir, ['show', 'HEAD:content/posts/trip/cover.png']);
    expect(pointer).toMatch(/^version https:\/\/git-lfs/);

    const folio = await openFolio(repo.dir);
    const id = 'content/posts/trip/index.md';
    const { body } = await folio.agent.get(entryUrl(id)).expect(200);
    const res = await folio.agent
      .post(entryUrl(id, '/move'))
      .send({ to: 'content/posts/voyage/index.md', baseOid: body.oid });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(readFileSync(join(repo.dir, 'content/posts/voyage/cover.png')).equals(image)).toBe(true);
    expect(gitCli(repo.dir, ['show', 'HEAD:content/posts/voyage/cover.png'])).toBe(pointer);
    expectHealthyRepo(repo.dir);
  });
});
