// The bench's second corpus (scripts/bench/generateVariedSite.ts): list, filter and search on a
// cold server while its background work runs (search texts, entry cache, history index), then
// the same once it is idle, and the server's peak memory.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expectStatus, startBenchServer, type BenchServer } from './client.ts';
import { generateVariedSite } from './generateVariedSite.ts';
import { sh, summarize, timeRuns, type Sample } from './measure.ts';
import type { SiteShape } from './generateSite.ts';

/** One row of the bench's table. */
export interface VariedRow {
  op: string;
  folio: Sample;
  native: Sample | null;
  nativeWhat: string;
  note?: string;
}

/** What the second corpus's section measured. */
export interface VariedFigures {
  rows: VariedRow[];
  /** Peak RSS of the server's process (MB), shutdown included. */
  peakRssMb: number;
  /** The peak after each phase, to tell which one set it. */
  peaks: [phase: string, mb: number][];
}

const TERMS = ['cluster', 'kernel storage', 'deploy', 'review', 'configuração', 'snapshot replica'];
const LIST = '/api/entries?limit=50';
const FILTER = '/api/entries?flag=featured&tag=kubernetes&limit=50';
const search = (i: number): string =>
  `/api/entries?q=${encodeURIComponent(TERMS[Math.abs(i) % TERMS.length]!)}&limit=50`;

/**
 * Generates (or reuses) the second corpus, clones it, and measures a cold server on the clone:
 * its first list page, list / filter / search while its background work runs (a request of each
 * every 100 ms until the history index is ready, at most a minute), then `samples` of each on
 * the idle server beside `runs` of native git's nearest equivalent.
 */
export async function measureVaried(
  root: string,
  shape: SiteShape,
  runs: number,
  samples: number,
  log: (line: string) => void,
): Promise<VariedFigures> {
  log(`Second corpus: generating (or reusing) ${shape.posts} posts, ${shape.commits} commits`);
  const source = await generateVariedSite(root, shape, log);
  const repo = join(root, `work-varied-${shape.posts}p`);
  rmSync(repo, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', source, repo]);
  const native = join(root, `work-varied-native-${shape.posts}p`);
  rmSync(native, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', source, native]);
  // A fresh clone has no folio/ folder: the server below starts cold.
  rmSync(resolve(repo, '.git', 'folio'), { recursive: true, force: true });
  log('Second corpus: cold server, reads while the background work runs');
  const rows: VariedRow[] = [];
  const peaks: [string, number][] = [];
  const server = await startBenchServer(repo);
  let peakRssMb: number;
  try {
    const t0 = performance.now();
    expectStatus(await server.call('GET', LIST), 200, 'first list');
    const first = performance.now() - t0;
    rows.push({
      op: '2nd corpus: first list page, cold (server up)',
      folio: { p50: first, p95: first, n: 1 },
      native: null,
      nativeWhat: '',
      note: 'builds the entry index from nothing',
    });
    rows.push(...(await duringBackgroundWork(server)));
    peaks.push(['background work', await server.peakRssMb()]);
    log('Second corpus: reads on the idle server');
    rows.push(...(await idleReads(server, native, runs, samples)));
    peaks.push(['reads', await server.peakRssMb()]);
  } finally {
    peakRssMb = (await server.close()).peakRssMb;
  }
  return { rows, peakRssMb, peaks };
}

// A list, a filter and a search every 100 ms (as an editor clicking around would) from the first
// answer until the history index covers the head, or a minute.
async function duringBackgroundWork(s: BenchServer): Promise<VariedRow[]> {
  const times: Record<'list' | 'filter' | 'search', number[]> = {
    list: [],
    filter: [],
    search: [],
  };
  const t0 = performance.now();
  let ready = false;
  for (let i = 0; !ready && performance.now() - t0 < 60_000; i++) {
    for (const [op, path] of [
      ['list', LIST],
      ['filter', FILTER],
      ['search', search(i)],
    ] as const) {
      const started = performance.now();
      expectStatus(await s.call('GET', path), 200, `${op} during background work`);
      times[op].push(performance.now() - started);
    }
    const health = (await s.call('GET', '/api/health')).json as {
      historyIndex: { ready: boolean };
    };
    ready = health.historyIndex.ready;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const note = `${ready ? 'until the history index was ready' : 'history index not ready after a minute'}, ${seconds} s`;
  return (['list', 'filter', 'search'] as const).map((op) => ({
    op: `2nd corpus: ${op} during background work`,
    folio: summarize(times[op]),
    native: null,
    nativeWhat: '',
    note,
  }));
}

async function idleReads(
  s: BenchServer,
  native: string,
  runs: number,
  samples: number,
): Promise<VariedRow[]> {
  const folio = (path: (i: number) => string, what: string) =>
    timeRuns(samples, async (i) => expectStatus(await s.call('GET', path(i)), 200, what));
  return [
    {
      op: '2nd corpus: list first page (50)',
      folio: await folio(() => LIST, 'list'),
      native: await timeRuns(runs, () =>
        sh(native, 'git ls-tree -r --name-only HEAD -- content > /dev/null'),
      ),
      nativeWhat: 'ls-tree -r --name-only',
    },
    {
      op: '2nd corpus: filter featured + tag',
      folio: await folio(() => FILTER, 'filter'),
      native: await timeRuns(runs, () =>
        sh(
          native,
          "git grep -l --all-match -e '^featured[:=] *true' -e 'kubernetes' HEAD -- content > /dev/null || true",
        ),
      ),
      nativeWhat: 'git grep --all-match HEAD',
    },
    {
      op: '2nd corpus: full-text search',
      folio: await folio(search, 'search'),
      native: await timeRuns(runs, (i) =>
        sh(
          native,
          `git grep -l -i -e '${TERMS[Math.abs(i) % TERMS.length]!.split(' ')[0]}' HEAD -- content > /dev/null || true`,
        ),
      ),
      nativeWhat: 'git grep -i HEAD (first term)',
    },
  ];
}
