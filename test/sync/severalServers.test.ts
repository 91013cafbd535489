import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { GIT_TEST_ENV, gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { makeRemote, openSyncedFolio, saveTitle } from './syncSupport.ts';

// Two Folio servers, each on its own clone of one remote, and a developer pushing with native
// git, all at once: every acknowledged save is on the remote exactly once, in one linear history,
// and both servers end on the remote's head.

const run = promisify(execFile);
const LONG = process.env.FOLIO_LONG === '1';
const SAVES = LONG ? 40 : 8;

async function nativePushes(clone: string, count: number): Promise<string[]> {
  const pushed: string[] = [];
  const env = { ...process.env, ...GIT_TEST_ENV };
  for (let i = 0; i < count; i++) {
    writeFileSync(join(clone, 'NOTES.md'), `Developer note ${i}\n`);
    await run('git', ['add', 'NOTES.md'], { cwd: clone, env });
    await run('git', ['commit', '-q', '-m', `Developer note ${i}`], { cwd: clone, env });
    for (let attempt = 0; ; attempt++) {
      try {
        await run('git', ['push', '-q', 'origin', 'main'], { cwd: clone, env });
        break;
      } catch (err) {
        if (attempt > 20) throw err;
        await run('git', ['pull', '-q', '--rebase', 'origin', 'main'], { cwd: clone, env });
      }
    }
    pushed.push(`Developer note ${i}`);
  }
  return pushed;
}

describe('several servers and native git on one remote', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it(`lands every save once, in a line (${SAVES} saves per server)`, async () => {
    const remote = await makeRemote();
    cleanups.push(remote.cleanup);
    const servers = [
      await openSyncedFolio(remote.clone('folio-1')),
      await openSyncedFolio(remote.clone('folio-2')),
    ];
    const native = remote.clone('developer');
    const ids = ['content/posts/a.md', 'content/posts/b.md'];
    const acknowledged: string[] = [];
    const failures: string[] = [];
    const [developer] = await Promise.all([
      nativePushes(native, Math.ceil(SAVES / 2)),
      ...servers.map(async (folio, s) => {
        for (let i = 0; i < SAVES; i++) {
          const title = `Server ${s + 1} save ${i}`;
          // Each server edits its own post; a stale base after a replay is retried as an editor would.
          for (let attempt = 0; attempt < 5; attempt++) {
            const res = await saveTitle(folio, ids[s]!, title);
            if (res.status === 200) {
              if (res.body.sync !== 'pushed')
                failures.push(`${title}: ${JSON.stringify(await folio.engine.snapshot())}`);
              acknowledged.push(title);
              break;
            }
            if (res.status !== 409 || attempt === 4)
              failures.push(`${title}: ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }),
    ]);
    expect(failures).toEqual([]);
    for (const folio of servers) await folio.engine.syncNow();
    const head = gitCli(remote.bare, ['rev-parse', 'main']);
    const subjects = gitCli(remote.bare, ['log', '--format=%s', 'main']).split('\n');
    for (const title of acknowledged)
      expect(
        subjects.filter((s) => s.includes(`"${title}"`)),
        title,
      ).toHaveLength(1);
    for (const note of developer) expect(subjects.filter((s) => s === note)).toHaveLength(1);
    expect(gitCli(remote.bare, ['rev-list', '--merges', 'main'])).toBe('');
    gitCli(remote.bare, ['fsck', '--strict', '--no-progress']);
    for (const folio of servers) {
      const dir = folio.ctx.location.dir!;
      expect(gitCli(dir, ['rev-parse', 'HEAD'])).toBe(head);
      expectHealthyRepo(dir);
    }
  }, 180_000);
});
