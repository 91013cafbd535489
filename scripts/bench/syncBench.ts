// The bench's sync section: Folio servers on clones of one remote served over HTTP (Debian's git
// http-backend, as the tests use), beside native `git commit && git push` on another clone.
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeServedRepo, spawnGitHttpServer } from '../../test/support/gitHttpServer.ts';
import { expectStatus, startBenchServer, type BenchServer } from './client.ts';
import { git, summarize, timeRuns, type Sample } from './measure.ts';

/** One row of the bench's table. */
export interface SyncRow {
  op: string;
  folio: Sample;
  native: Sample | null;
  nativeWhat: string;
  note?: string;
}

const AUTH = { username: 'bench', password: 'bench-remote-token' };
const SECRET = 'bench-webhook-secret';

function nativeCommitAndPush(clone: string, id: string, line: string): void {
  const file = join(clone, id);
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n${line}\n`);
  git(clone, ['add', '--', id]);
  git(clone, [
    '-c',
    'user.name=Bench',
    '-c',
    'user.email=bench@example.com',
    'commit',
    '-q',
    '-m',
    `Update ${id}`,
  ]);
  git(clone, ['push', '-q', 'origin', 'HEAD']);
}

async function saveWithPush(
  s: BenchServer,
  id: string,
  i: number,
): Promise<{ ms: number; oid: string }> {
  const url = `/api/entries/${encodeURIComponent(id)}`;
  const entry = (await s.call('GET', url)).json as {
    frontMatter: object;
    body: string;
    oid: string;
  };
  const started = performance.now();
  const res = await s.call('PUT', url, {
    frontMatter: entry.frontMatter,
    body: `${entry.body}\nSynced edit ${i}.\n`,
    baseOid: entry.oid,
  });
  const ms = performance.now() - started;
  expectStatus(res, 200, 'save with push');
  const answer = res.json as { oid: string; sync?: string };
  if (answer.sync !== 'pushed') throw new Error(`A save was answered ${answer.sync}, not pushed`);
  return { ms, oid: answer.oid };
}

// The push webhook, as a forge sends it: what makes a second server see a save at once.
async function pokeWebhook(s: BenchServer): Promise<void> {
  const body = JSON.stringify({ ref: 'refs/heads/main' });
  const res = await fetch(`${s.url}/api/hooks/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
  if (res.status !== 202) throw new Error(`The webhook answered ${res.status}`);
}

/**
 * Measures sync on `source` (the bench's site): save p50/p95 with its push, 50 concurrent saves
 * with their pushes (saves/s), and how long a second server takes to show a save after the push
 * webhook, each beside native git doing the same over the same HTTP remote.
 */
export async function measureSync(
  source: string,
  root: string,
  runs: number,
  ids: (i: number) => string,
  log: (line: string) => void,
): Promise<SyncRow[]> {
  log(
    'Measuring sync: saves pushed to an HTTP remote, 50 concurrent, convergence of a second server',
  );
  const dir = join(root, 'sync');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'remote'), { recursive: true });
  const bare = makeServedRepo(join(dir, 'remote'), 'site.git', source);
  const server = await spawnGitHttpServer(join(dir, 'remote'), AUTH);
  const url = `${server.url}/site.git`.replace(
    'http://',
    `http://${AUTH.username}:${AUTH.password}@`,
  );
  const clone = (name: string): string => {
    git(dir, ['clone', '-q', url, name]);
    return join(dir, name);
  };
  process.env.FOLIO_WEBHOOK_SECRET = SECRET;
  const [a, b] = [
    await startBenchServer(clone('folio-a'), { sync: true }),
    await startBenchServer(clone('folio-b'), { sync: true }),
  ];
  const native = clone('native');
  try {
    const saves = await timeRuns(runs, async (i) => (await saveWithPush(a, ids(i + 5000), i)).ms);
    git(native, ['pull', '-q', '--ff-only']);
    const nativeSaves = await timeRuns(runs, (i) =>
      nativeCommitAndPush(native, ids(i + 6000), `Native ${i}`),
    );

    const before = Number(git(bare, ['rev-list', '--count', 'main']).trim());
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, k) =>
        a.call('PATCH', `/api/entries/${encodeURIComponent(ids(k + 7000))}`, {
          set: { weight: k + 1 },
        }),
      ),
    );
    const elapsed = performance.now() - t0;
    results.forEach((r) => expectStatus(r, 200, 'concurrent save with push'));
    const landed = Number(git(bare, ['rev-list', '--count', 'main']).trim()) - before;
    if (landed !== 50) throw new Error(`50 concurrent saves put ${landed} commits on the remote`);
    git(native, ['pull', '-q', '--rebase']);
    const n0 = performance.now();
    for (let k = 0; k < 50; k++) nativeCommitAndPush(native, ids(k + 8000), `Native batch ${k}`);
    const nativeElapsed = performance.now() - n0;

    const convergence: number[] = [];
    const nativeConvergence: number[] = [];
    const reader = clone('native-reader');
    for (let i = 0; i < Math.min(runs, 10); i++) {
      const id = ids(i + 9000);
      const { oid } = await saveWithPush(a, id, i);
      const started = performance.now();
      await pokeWebhook(b);
      for (;;) {
        const seen = (await b.call('GET', `/api/entries/${encodeURIComponent(id)}`)).json as {
          oid?: string;
        };
        if (seen.oid === oid) break;
        if (performance.now() - started > 30_000)
          throw new Error('The second server never showed the save');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      convergence.push(performance.now() - started);
      git(native, ['pull', '-q', '--rebase']);
      nativeCommitAndPush(native, id, `Native converge ${i}`);
      const n = performance.now();
      git(reader, ['pull', '-q', '--ff-only']);
      nativeConvergence.push(performance.now() - n);
    }
    git(bare, ['fsck', '--strict', '--no-progress']);
    if (git(bare, ['rev-list', '--merges', 'main']).trim())
      throw new Error('A merge commit reached the remote');
    const perSecond = (ms: number): Sample => ({
      p50: (50 / ms) * 1000,
      p95: (50 / ms) * 1000,
      n: 50,
    });
    return [
      {
        op: 'save with push to the remote',
        folio: saves,
        native: nativeSaves,
        nativeWhat: 'write + add + commit + push',
      },
      {
        op: '50 concurrent saves with push (saves/s)',
        folio: perSecond(elapsed),
        native: perSecond(nativeElapsed),
        nativeWhat: '50 sequential commit + push',
        note: 'throughput: higher is better; target >= 10; all 50 on the remote',
      },
      {
        op: 'second server shows a save (webhook)',
        folio: summarize(convergence),
        native: summarize(nativeConvergence),
        nativeWhat: 'git pull in another clone',
      },
    ];
  } finally {
    await Promise.all([a.close(), b.close()]);
    server.close();
  }
}
