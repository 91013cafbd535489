// `npm run bench`: Folio's speed and memory on a generated Hugo site, beside native git doing the same work.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { expectStatus, startBenchServer, type BenchServer } from './bench/client.ts';
import { measureMedia } from './bench/mediaBench.ts';
import { measureClient, type ClientFigures } from './bench/clientLoad.ts';
import { measureSync } from './bench/syncBench.ts';
import { measureVaried, type VariedFigures } from './bench/variedBench.ts';
import { generateSite, postPath } from './bench/generateSite.ts';
import { git, sh, summarize, timeMeasured, timeRuns, type Sample } from './bench/measure.ts';
import { parseIndex, serializeIndex } from '../server/git/indexFile.ts';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    posts: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '30' },
    // Folio's reads are cheap: more samples make their p95 mean something (native runs stay `runs`).
    samples: { type: 'string', default: '100' },
    dir: { type: 'string', default: '.bench' },
    // The browser half (Debian Chromium, production build); skipped with --no-client.
    client: { type: 'boolean', default: true },
    // The sync section (Folio servers on clones of an HTTP remote); skipped with --no-sync.
    sync: { type: 'boolean', default: true },
    // The second corpus (generateVariedSite.ts: other shapes and texts); skipped with --no-varied.
    varied: { type: 'boolean', default: true },
    json: { type: 'string' },
  },
});
const shape = { posts: Number(values.posts), commits: Number(values.commits) };
const runs = Number(values.runs);
const samples = Math.max(runs, Number(values.samples));
const root = resolve(values.dir);
const log = (line: string): void => console.error(line);

interface Row {
  op: string;
  folio: Sample;
  native: Sample | null;
  nativeWhat: string;
  note?: string;
}
const rows: Row[] = [];

log(
  `Generating (or reusing) a site with ${shape.posts} posts and ${shape.commits} commits in ${root}`,
);
mkdirSync(root, { recursive: true });
const source = await generateSite(root, shape, log);
const folioRepo = freshCopy(source, 'folio');
const nativeRepo = freshCopy(source, 'native');
const ids = Array.from({ length: shape.posts }, (_, i) => postPath(i));
const pickId = (i: number): string => ids[(i * 7919 + 13) % ids.length]!;

// Start-up: a child process each time, so that no cache of this process helps.
log('Measuring cold and warm start');
const folioData = join(
  execFileSync('git', ['rev-parse', '--git-common-dir'], {
    cwd: folioRepo,
    encoding: 'utf8',
  }).trim(),
  'folio',
);
// Nine where runs allow: the median of a start is read against a target, on a noisy machine.
const startRuns = Math.max(3, Math.min(9, runs));
const startRss: number[] = [];
const cold = await timeMeasured(
  startRuns,
  () => {
    // Folio's persisted caches live in the git directory's folio/ folder; users.json is recreated by the probe.
    rmSync(resolve(folioRepo, folioData), { recursive: true, force: true });
    return probeStart(folioRepo);
  },
  0,
);
// The same start from an index without git's cache tree (written by a tool that leaves it out;
// Folio's own index writes keep it valid): the listing hashes the index entries into trees.
const indexFile = join(folioRepo, '.git', 'index');
const clonedIndex = readFileSync(indexFile);
writeFileSync(indexFile, serializeIndex(parseIndex(clonedIndex)));
const coldHashed = await timeMeasured(
  startRuns,
  () => {
    rmSync(resolve(folioRepo, folioData), { recursive: true, force: true });
    return probeStart(folioRepo);
  },
  0,
);
writeFileSync(indexFile, clonedIndex);
const warm = await timeMeasured(startRuns, () => probeStart(folioRepo), 1);
const nativeListAll = await timeRuns(startRuns, () =>
  sh(
    nativeRepo,
    "git ls-tree -r HEAD -- content | awk '{print $3}' | git cat-file --batch > /dev/null",
  ),
);
rows.push({
  op: 'cold start to first list page',
  folio: cold,
  native: nativeListAll,
  nativeWhat: 'ls-tree -r + cat-file --batch (all posts)',
});
rows.push({
  op: 'cold start, index without cache tree',
  folio: coldHashed,
  native: nativeListAll,
  nativeWhat: 'ls-tree -r + cat-file --batch (all posts)',
});
rows.push({
  op: 'warm start to first list page',
  folio: warm,
  native: nativeListAll,
  nativeWhat: 'ls-tree -r + cat-file --batch (all posts)',
});

// The history index is measured from nothing: the start probes may have left part of it behind.
rmSync(resolve(folioRepo, folioData, 'history-index'), { recursive: true, force: true });
const server = await startBenchServer(folioRepo);
let historyBuild: Row | null = null;
let serverPeakRssMb = NaN;
let client: ClientFigures | null = null;
// The same saves on a 100-post site, taken in turn with the big site's (see measureWrites).
let smallSite: { save: Sample; toggle: Sample } | null = null;
// The server's peak RSS after each phase, to tell which one set it.
const peaks: [phase: string, mb: number][] = [];
try {
  historyBuild = await waitForHistoryIndex(server);
  peaks.push(['history index build', await server.peakRssMb()]);
  await measureReads(server);
  peaks.push(['reads', await server.peakRssMb()]);
  log('Measuring the media library');
  rows.push(...(await measureMedia(server, nativeRepo, runs, samples, pickId(42))));
  peaks.push(['media library', await server.peakRssMb()]);
  smallSite = await measureWrites(server);
  peaks.push(['writes', await server.peakRssMb()]);
  if (values.client) {
    client = await measureBrowser(server);
    peaks.push(['client', await server.peakRssMb()]);
  }
} finally {
  serverPeakRssMb = (await server.close()).peakRssMb;
}
if (values.sync) rows.push(...(await measureSync(source, root, runs, pickId, log)));
// Same size as the first corpus, other shapes; its server runs alone, after the first one stopped.
const varied: VariedFigures | null = values.varied
  ? await measureVaried(root, shape, runs, samples, log)
  : null;
if (varied) rows.push(...varied.rows);

printTable();
if (values.json)
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        shape,
        runs,
        rows,
        serverPeakRssMb,
        startPeakRssMb: Math.max(...startRss),
        peaks,
        client,
        smallSite,
        variedPeakRssMb: varied?.peakRssMb ?? null,
        variedPeaks: varied?.peaks ?? null,
      },
      null,
      2,
    ),
  );

async function measureBrowser(s: BenchServer): Promise<ClientFigures | null> {
  if (!existsSync('/usr/bin/chromium')) {
    log('No /usr/bin/chromium: client figures skipped (apt-get install chromium)');
    return null;
  }
  log('Building the client and measuring it in Chromium');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  return measureClient(s.url, pickId(5), Math.max(3, Math.min(5, runs)));
}

async function measureReads(s: BenchServer): Promise<void> {
  log('Measuring list, filter, search, open');
  const first = await s.call('GET', '/api/entries?limit=50'); // builds the index if start-up left it lazy
  expectStatus(first, 200, 'list');
  rows.push({
    op: 'list first page (50)',
    folio: await timeRuns(samples, async () =>
      expectStatus(await s.call('GET', '/api/entries?limit=50'), 200, 'list'),
    ),
    native: await timeRuns(runs, () =>
      git(nativeRepo, ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'content']),
    ),
    nativeWhat: 'ls-tree -r --name-only',
  });
  rows.push({
    op: 'filter featured + tag',
    folio: await timeRuns(samples, async () =>
      expectStatus(
        await s.call('GET', '/api/entries?flag=featured&tag=kubernetes&limit=50'),
        200,
        'filter',
      ),
    ),
    native: await timeRuns(runs, () =>
      sh(
        nativeRepo,
        "git grep -l --all-match -e '^featured: true' -e '^  - kubernetes' HEAD -- content > /dev/null || true",
      ),
    ),
    nativeWhat: 'git grep --all-match HEAD',
  });
  rows.push({
    op: 'full-text search',
    folio: await timeRuns(samples, async (i) =>
      expectStatus(
        await s.call(
          'GET',
          `/api/entries?q=${['cluster', 'kernel storage', 'deploy', 'review'][Math.abs(i) % 4]}&limit=50`,
        ),
        200,
        'search',
      ),
    ),
    native: await timeRuns(runs, (i) =>
      sh(
        nativeRepo,
        `git grep -l -i -e '${['cluster', 'kernel storage', 'deploy', 'review'][Math.abs(i) % 4]}' HEAD -- content > /dev/null || true`,
      ),
    ),
    nativeWhat: 'git grep -i HEAD',
  });
  rows.push({
    op: 'open entry',
    folio: await timeRuns(samples, async (i) =>
      expectStatus(
        await s.call('GET', `/api/entries/${encodeURIComponent(pickId(i + 100))}`),
        200,
        'open',
      ),
    ),
    native: await timeRuns(runs, (i) =>
      git(nativeRepo, ['cat-file', '-p', `HEAD:${pickId(i + 100)}`]),
    ),
    nativeWhat: 'cat-file -p HEAD:path',
  });
  rows.push({
    op: 'entry history (newest 20)',
    folio: await timeRuns(samples, async (i) =>
      expectStatus(
        await s.call('GET', `/api/entries/${encodeURIComponent(pickId(i + 200))}/history?limit=20`),
        200,
        'history',
      ),
    ),
    native: await timeRuns(runs, (i) =>
      git(nativeRepo, ['log', '-20', '--format=%H %an %s', '--', pickId(i + 200)]),
    ),
    nativeWhat: 'log -20 -- path',
  });
  if (historyBuild) rows.push(historyBuild);
  const commits = git(nativeRepo, ['rev-list', '-n', String(samples + 2), 'HEAD'])
    .trim()
    .split('\n');
  rows.push({
    op: 'commit detail with diffs',
    folio: await timeRuns(samples, async (i) =>
      expectStatus(
        await s.call('GET', `/api/commits/${commits[Math.abs(i) % commits.length]}`),
        200,
        'commit detail',
      ),
    ),
    native: await timeRuns(runs, (i) =>
      git(nativeRepo, [
        'show',
        '--format=%H%n%an%n%s',
        '-p',
        commits[Math.abs(i) % commits.length]!,
      ]),
    ),
    nativeWhat: 'show -p',
  });
}

// Polls GET /api/health (its first call starts the build at once) until the history index covers the head.
async function waitForHistoryIndex(s: BenchServer): Promise<Row> {
  log('Waiting for the history index (background build)');
  const t0 = performance.now();
  let progress = { ready: false, indexed: 0, total: 0 };
  for (let polls = 0; !progress.ready; polls++) {
    if (polls > 0) await new Promise((r) => setTimeout(r, 50));
    const health = await s.call('GET', '/api/health');
    expectStatus(health, 200, 'health');
    progress = (health.json as { historyIndex: typeof progress }).historyIndex;
    if (performance.now() - t0 > 600_000)
      throw new Error('history index not ready after 10 minutes');
  }
  const ms = performance.now() - t0;
  const nativeMs = timeRuns(
    1,
    () => sh(nativeRepo, 'git log --first-parent --format=%H --name-status -M HEAD > /dev/null'),
    0,
  );
  return {
    op: 'history index build (background)',
    folio: { p50: ms, p95: ms, n: 1 },
    native: await nativeMs,
    nativeWhat: 'log --first-parent --name-status -M (whole chain)',
    note: `${progress.indexed} commits, once, persisted`,
  };
}

/**
 * Save, toggle and 50 concurrent saves; returns the same save and toggle on a 100-post site
 * (whether a save's cost grows with the repository), taken sample by sample in turn with this
 * site's, so that a slow spell of the machine falls on both sides of the ratio alike.
 */
async function measureWrites(s: BenchServer): Promise<{ save: Sample; toggle: Sample } | null> {
  log('Measuring save, toggle, 50 concurrent saves (and the same saves on a 100-post site)');
  const small = shape.posts > 100 ? await startSmallSite() : null;
  const smallId = (i: number): string => postPath((i * 37 + 103) % 100);
  let saves: Sample[];
  let toggles: Sample[];
  try {
    saves = await timeInTurn(
      [[s, (i) => pickId(i + 300)], ...(small ? [[small, smallId] as const] : [])],
      saveOnce,
    );
    toggles = await timeInTurn(
      [
        [s, (i) => pickId(i + 400)],
        ...(small ? [[small, (i: number) => smallId(i + 2)] as const] : []),
      ],
      toggleOnce,
    );
  } finally {
    await small?.close();
  }
  rows.push({
    op: 'save (PUT body change)',
    folio: saves[0]!,
    native: await timeRuns(runs, (i) => nativeCommit(pickId(i + 300), (t) => `${t}\nEdit ${i}.\n`)),
    nativeWhat: 'write + git add + git commit',
  });
  rows.push({
    op: 'toggle (PATCH featured)',
    folio: toggles[0]!,
    native: await timeRuns(runs, (i) =>
      nativeCommit(pickId(i + 400), (t) =>
        t.replace(
          /^featured( ?[:=] ?)(true|false)/m,
          (_m, sep: string, v: string) => `featured${sep}${v !== 'true'}`,
        ),
      ),
    ),
    nativeWhat: 'sed + git add + git commit',
  });
  const before = Number(git(folioRepo, ['rev-list', '--count', 'HEAD']).trim());
  const batch = Array.from({ length: 50 }, (_, k) => pickId(k + 1000));
  const t0 = performance.now();
  const results = await Promise.all(
    batch.map((id, k) =>
      s.call('PATCH', `/api/entries/${encodeURIComponent(id)}`, {
        set: { pinned: k % 2 === 0, weight: k },
      }),
    ),
  );
  const elapsed = performance.now() - t0;
  results.forEach((r) => expectStatus(r, 200, 'concurrent save'));
  const after = Number(git(folioRepo, ['rev-list', '--count', 'HEAD']).trim());
  const merges = git(folioRepo, ['rev-list', '--min-parents=2', '--count', 'HEAD']).trim();
  if (after - before !== 50 || merges !== '0')
    throw new Error(`50 concurrent saves made ${after - before} commits, ${merges} merges`);
  const n0 = performance.now();
  for (let k = 0; k < 50; k++) nativeCommit(pickId(k + 2000), (t) => `${t}\nBatch ${k}.\n`);
  const nativeElapsed = performance.now() - n0;
  rows.push({
    op: '50 concurrent saves (commits/s)',
    folio: { p50: (50 / elapsed) * 1000, p95: (50 / elapsed) * 1000, n: 50 },
    native: { p50: (50 / nativeElapsed) * 1000, p95: (50 / nativeElapsed) * 1000, n: 50 },
    nativeWhat: '50 sequential add + commit',
    note: 'throughput: higher is better; all 50 landed, linear',
  });
  git(folioRepo, ['fsck', '--strict', '--no-progress']); // throws on any problem
  const status = git(folioRepo, ['status', '--porcelain']);
  if (status.trim())
    throw new Error(`git status not clean after the bench:\n${status.slice(0, 500)}`);
  return small ? { save: saves[1]!, toggle: toggles[1]! } : null;
}

/** Saves through the API (PUT of the body with one more line), timing the PUT only. */
// One save of a post's body; its time in ms.
async function saveOnce(s: BenchServer, id: string, i: number): Promise<number> {
  const url = `/api/entries/${encodeURIComponent(id)}`;
  const entry = (await s.call('GET', url)).json as {
    frontMatter: object;
    body: string;
    oid: string;
  };
  const started = performance.now();
  expectStatus(
    await s.call('PUT', url, {
      frontMatter: entry.frontMatter,
      body: `${entry.body}\nEdit ${i}.\n`,
      baseOid: entry.oid,
    }),
    200,
    'save',
  );
  return performance.now() - started;
}

// Flips `featured` through the API (PATCH), timing the PATCH only; its time in ms. The current
// value is read first, as the list shows it, so that every toggle is a change and a commit
// (setting the value a post already has commits nothing).
async function toggleOnce(s: BenchServer, id: string): Promise<number> {
  const url = `/api/entries/${encodeURIComponent(id)}`;
  const entry = (await s.call('GET', url)).json as { frontMatter: { featured?: unknown } };
  const started = performance.now();
  expectStatus(
    await s.call('PATCH', url, { set: { featured: entry.frontMatter.featured !== true } }),
    200,
    'toggle',
  );
  return performance.now() - started;
}

// `once` on each target in turn, `runs` times after one warm-up each: a sample per target.
async function timeInTurn(
  targets: readonly (readonly [BenchServer, (i: number) => string])[],
  once: (s: BenchServer, id: string, i: number) => Promise<number>,
): Promise<Sample[]> {
  const durations = targets.map((): number[] => []);
  for (let i = -1; i < runs; i++) {
    for (const [k, [s, pick]] of targets.entries()) {
      const ms = await once(s, pick(i), i);
      if (i >= 0) durations[k]!.push(ms);
    }
  }
  return durations.map(summarize);
}

// A server on a 100-post site, for the saves of measureWrites, once its start-up work (entry
// index, history index) is done, as the big site's is by then.
async function startSmallSite(): Promise<BenchServer> {
  const small = { posts: 100, commits: 100 };
  const s = await startBenchServer(
    freshCopy(await generateSite(root, small, log), 'folio-small', small.posts),
  );
  for (let poll = 0; poll < 600; poll++) {
    const health = (await s.call('GET', '/api/health')).json as {
      historyIndex?: { ready?: boolean };
    };
    if (health.historyIndex?.ready) return s;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await s.close();
  throw new Error("The 100-post site's history index was not ready within a minute.");
}

function nativeCommit(id: string, edit: (text: string) => string): void {
  const file = join(nativeRepo, id);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  git(nativeRepo, ['add', '--', id]);
  git(nativeRepo, [
    '-c',
    'user.name=Bench',
    '-c',
    'user.email=bench@example.com',
    'commit',
    '-q',
    '-m',
    `Update ${id}`,
  ]);
}

// A working copy as an editor has one: cloned (objects hardlinked), so the index holds git's cache
// tree as a clone leaves it, and the git directory is the copy's own.
function freshCopy(from: string, name: string, posts = shape.posts): string {
  const to = join(root, `work-${name}-${posts}p`);
  rmSync(to, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', from, to]);
  return to;
}

function probeStart(repo: string): number {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/startProbe.ts', repo],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const { ms, rss } = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; rss: number };
  startRss.push(rss / 1024 / 1024);
  return ms;
}

function printTable(): void {
  const fmt = (n: number): string =>
    n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
  const header = [
    'operation',
    'Folio p50',
    'Folio p95',
    'git p50',
    'git p95',
    'git / Folio (p50)',
    'native git does',
  ];
  const lines = rows.map((r) => [
    r.op,
    fmt(r.folio.p50),
    fmt(r.folio.p95),
    r.native ? fmt(r.native.p50) : '-',
    r.native ? fmt(r.native.p95) : '-',
    r.native
      ? r.note?.startsWith('throughput')
        ? `${(r.folio.p50 / r.native.p50).toFixed(2)}x`
        : `${(r.native.p50 / r.folio.p50).toFixed(2)}x`
      : '-',
    r.nativeWhat + (r.note ? ` (${r.note})` : ''),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...lines.map((l) => l[k]!.length)));
  const row = (cells: string[]): string =>
    `| ${cells.map((c, k) => c.padEnd(widths[k]!)).join(' | ')} |`;
  console.log(
    `\nFolio bench: ${shape.posts} posts, ${shape.commits} commits, ${runs} runs per operation, ${samples} for Folio's reads (times in ms)`,
  );
  console.log(row(header));
  console.log(row(widths.map((w) => '-'.repeat(w))));
  for (const l of lines) console.log(row(l));
  console.log(
    `\nPeak RSS of Folio's process: ${serverPeakRssMb.toFixed(0)} MB through everything above, shutdown included (after ${peaks.map(([phase, mb]) => `${phase}: ${mb.toFixed(0)}`).join(', ')}); ${Math.max(...startRss).toFixed(0)} MB at most when starting up`,
  );
  if (varied)
    console.log(
      `Peak RSS of Folio's process on the second corpus: ${varied.peakRssMb.toFixed(0)} MB, shutdown included (after ${varied.peaks.map(([phase, mb]) => `${phase}: ${mb.toFixed(0)}`).join(', ')})`,
    );
  console.log('Ratio > 1 means Folio is faster than native git (for throughput: Folio / git).');
  if (smallSite) {
    const at = (op: string) => rows.find((r) => r.op.startsWith(op))!.folio.p50;
    console.log(
      `\nSize independence (p50 at ${shape.posts} posts / p50 at 100 posts; target <= 1.5x):` +
        `\n  save ${fmt(at('save'))} / ${fmt(smallSite.save.p50)} ms = ${(at('save') / smallSite.save.p50).toFixed(2)}x` +
        `\n  toggle ${fmt(at('toggle'))} / ${fmt(smallSite.toggle.p50)} ms = ${(at('toggle') / smallSite.toggle.p50).toFixed(2)}x`,
    );
  }
  if (client) {
    console.log(
      `\nClient (production build, Debian Chromium, fresh profile per run, ${client.firstLoad.n} runs):` +
        `\n  first load of the list: p50 ${fmt(client.firstLoad.p50)} ms, p95 ${fmt(client.firstLoad.p95)} ms; reload ${fmt(client.reload.p50)} ms` +
        `\n  list page JavaScript ${client.listJsKb.toFixed(0)} KB gzip; opening the editor loads ${client.editorJsKb.toFixed(0)} KB more` +
        `\n  scrolling ${client.scrolledRows} rows: frame interval p50 ${fmt(client.scrollFrames.p50)} ms, p95 ${fmt(client.scrollFrames.p95)} ms (16.7 = 60 fps)`,
    );
  }
}
