import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { makeServedRepo, spawnGitHttpServer } from '../support/gitHttpServer.ts';
import { entryUrl, openFolio } from '../support/siteFixture.ts';
import { makeTempDir } from '../support/tempRepo.ts';

/** The remote's one user. */
export const REMOTE_AUTH = { username: 'folio-bot', password: 's3cret-token' };

/** Posts of the site every sync test starts from. */
export const POSTS: Record<string, string> = {
  'content/posts/a.md': '---\ntitle: A\n---\nAlpha.\n',
  'content/posts/b.md': '---\ntitle: B\n---\nBeta.\n',
  'content/posts/c.md': '---\ntitle: C\n---\nGamma.\n',
};

/** A bare remote served over HTTP with basic auth, and helpers to clone it. */
export async function makeRemote() {
  const tmp = makeTempDir('folio-sync-');
  const source = makeFixtureRepo(POSTS);
  const bare = makeServedRepo(tmp.path, 'site.git', source.dir);
  source.cleanup();
  const server = await spawnGitHttpServer(tmp.path, REMOTE_AUTH);
  const url = `${server.url}/site.git`;
  const withAuth = url.replace(
    'http://',
    `http://${REMOTE_AUTH.username}:${REMOTE_AUTH.password}@`,
  );
  let clones = 0;
  return {
    bare,
    url,
    server,
    /** A native clone (git CLI), credentials in its remote URL as `git clone https://user:token@...` leaves them. */
    clone(name = `clone-${clones++}`): string {
      const dir = join(tmp.path, name);
      gitCli(tmp.path, ['clone', '-q', withAuth, dir]);
      return dir;
    },
    cleanup(): void {
      server.close();
      tmp.cleanup();
    },
  };
}

/** Folio opened on a clone: it syncs with the clone's upstream on its own (no timer started). */
export async function openSyncedFolio(dir: string) {
  const folio = await openFolio(dir);
  if (!folio.ctx.sync) throw new Error(`Folio found no upstream in ${dir}`);
  return { ...folio, engine: folio.ctx.sync };
}

/** Saves `title` into entry `id` through the API, from the version the server has now. */
export async function saveTitle(
  folio: Awaited<ReturnType<typeof openFolio>>,
  id: string,
  title: string,
  baseOid?: string,
) {
  const { body } = await folio.agent.get(entryUrl(id)).expect(200);
  return folio.agent
    .put(entryUrl(id))
    .send({ frontMatter: { title }, body: body.body, baseOid: baseOid ?? body.oid });
}

/** Commits `content` to `path` in a native clone and pushes it. */
export function pushNative(clone: string, path: string, content: string, message: string): string {
  gitCli(clone, ['pull', '-q', '--ff-only']);
  mkdirSync(dirname(join(clone, path)), { recursive: true });
  writeFileSync(join(clone, path), content);
  gitCli(clone, ['add', path]);
  gitCli(clone, ['commit', '-q', '-m', message]);
  gitCli(clone, ['push', '-q', 'origin', 'main']);
  return gitCli(clone, ['rev-parse', 'HEAD']);
}
