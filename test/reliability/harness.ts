// Shared pieces of the reliability tests: the long-mode switch, seeded randomness, a small
// Hugo-like site, Folio as a child process (so that it can be killed with SIGKILL), a cookie-keeping
// HTTP client, and checks of a repository with the git CLI that report problems instead of
// throwing, so that a test over many rounds can count them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { GIT_TEST_ENV } from '../support/gitCli.ts';
import { PROJECT_ROOT } from '../support/tempRepo.ts';

/** `FOLIO_LONG=1` (`npm run test:long`) runs many more rounds. */
export const LONG = process.env.FOLIO_LONG === '1';

/** `short` in the default suite, `long` in long mode. */
export function byMode<T>(short: T, long: T): T {
  return LONG ? long : short;
}

/** A per-test timeout that grows with the amount of work long mode does. */
export function timeoutFor(shortMs: number, longMs: number): number {
  return byMode(shortMs, longMs);
}

/** A test's seed: `FOLIO_SEED` replays a failure, otherwise a fresh one (printed on failure). */
export function newSeed(): number {
  const fixed = process.env.FOLIO_SEED;
  if (fixed) return Number(fixed) >>> 0;
  return (Math.random() * 2 ** 32) >>> 0;
}

/** A small seeded generator (mulberry32): the same seed gives the same rounds. */
export class Random {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }
}

/** The id of post number `n` of the site. */
export function postId(n: number): string {
  return `content/posts/post-${String(n).padStart(2, '0')}.md`;
}

/** The line that identifies which save wrote a post's body. */
export function markerBody(marker: string): string {
  return `Saved as [${marker}].\n`;
}

/** A small Hugo site: hugo.toml, a section page and `posts` posts with YAML front matter. */
export function makePostsSite(posts: number, extra: FixtureFiles = {}) {
  const files: FixtureFiles = {
    'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Reliability"\n',
    'content/_index.md': '---\ntitle: Home\n---\n',
    'content/posts/_index.md': '---\ntitle: Posts\n---\n',
    'layouts/index.html': '<h1>{{ .Title }}</h1>\n',
    ...extra,
  };
  const ids: string[] = [];
  for (let n = 0; n < posts; n++) {
    const id = postId(n);
    ids.push(id);
    files[id] =
      `---\ntitle: "Post ${n}"\ndate: 2025-01-${String((n % 28) + 1).padStart(2, '0')}T10:00:00Z\n` +
      `draft: false\ntags:\n  - reliability\n---\n${markerBody(`initial-${n}`)}`;
  }
  return { ...makeFixtureRepo(files), ids };
}

/** What git answered: exit status and output. */
export interface GitResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the git CLI in `cwd` without throwing. */
export function gitTry(cwd: string, args: string[]): GitResult {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_TEST_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status ?? -1,
    stdout: (result.stdout ?? '').trimEnd(),
    stderr: (result.stderr ?? '').trimEnd(),
  };
}

/** Runs git asynchronously (for maintenance beside Folio); resolves with its exit status. */
export function gitAsync(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, ...GIT_TEST_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/**
 * Lock files left in the git directory between writes: git's (`index.lock`, `HEAD.lock`, ref
 * locks), which block native git too, and with `folio` also Folio's own under `.git/folio` (which
 * only Folio sees: a stale one there shows as a save that fails).
 */
export function leftoverLocks(repo: string, options: { folio?: boolean } = {}): string[] {
  const gitDir = join(repo, '.git');
  const found: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // removed meanwhile
    }
    for (const name of names) {
      const path = join(dir, name);
      if (name === 'objects' && dir === gitDir) continue;
      if (name === 'folio' && dir === gitDir && !options.folio) continue;
      const stats = statSync(path, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) walk(path);
      else if (name.endsWith('.lock')) found.push(relative(repo, path));
    }
  };
  walk(gitDir);
  return found.sort();
}

/**
 * What native git must say of a repository Folio wrote to: no lock left, `git status --porcelain`
 * empty (nothing ignored: Folio keeps its own data in .git/folio), the index equal to HEAD and
 * `git fsck --strict` clean. Returns one line per problem (empty when all is well).
 */
export function repoProblems(repo: string, options: { fsck?: boolean } = {}): string[] {
  const problems: string[] = [];
  const locks = leftoverLocks(repo);
  if (locks.length) problems.push(`lock files left: ${locks.join(', ')}`);
  const status = gitTry(repo, ['status', '--porcelain']);
  if (status.status !== 0) problems.push(`git status failed: ${status.stderr}`);
  else if (status.stdout !== '')
    problems.push(`git status not clean: ${status.stdout.split('\n').slice(0, 6).join(' | ')}`);
  const cached = gitTry(repo, ['diff', '--cached', '--name-status', 'HEAD']);
  if (cached.status !== 0) problems.push(`git diff --cached failed: ${cached.stderr}`);
  else if (cached.stdout !== '')
    problems.push(
      `index differs from HEAD (staged reverts): ${cached.stdout.split('\n').slice(0, 6).join(' | ')}`,
    );
  if (options.fsck !== false) {
    const fsck = gitTry(repo, ['fsck', '--strict', '--no-progress']);
    if (fsck.status !== 0 || /error|missing|broken/i.test(fsck.stderr))
      problems.push(`git fsck --strict: ${(fsck.stderr || fsck.stdout).split('\n')[0]}`);
  }
  return problems;
}

/**
 * Commits a new file with native git (`git add` + `git commit`, as a person in the folder would)
 * and returns a problem when that commit changed anything else, e.g. reverted Folio's saves
 * because the index was left behind HEAD.
 */
export function nativeCommitProblems(repo: string, path: string, content: string): string[] {
  const full = join(repo, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  // When git refuses, the file goes again, so that one round's failure does not leak into the next.
  const add = gitTry(repo, ['add', '--', path]);
  if (add.status !== 0) {
    rmSync(full, { force: true });
    return [`native git add failed: ${add.stderr.split('\n')[0]}`];
  }
  const commit = gitTry(repo, ['commit', '-q', '-m', `Add ${path} natively`]);
  if (commit.status !== 0) {
    gitTry(repo, ['rm', '-q', '--cached', '--', path]);
    rmSync(full, { force: true });
    return [`native git commit failed: ${commit.stderr.split('\n')[0]}`];
  }
  const changed = gitTry(repo, ['show', '--name-status', '--format=', 'HEAD']).stdout;
  if (changed !== `A\t${path}`)
    return [
      `native git commit of ${path} also changed: ${changed
        .split('\n')
        .filter((l) => !l.endsWith(`\t${path}`))
        .slice(0, 6)
        .join(' | ')}`,
    ];
  return [];
}

/** The bytes of `path` as HEAD holds it (untrimmed). */
export function blobAtHead(repo: string, path: string): Buffer {
  const result = spawnSync('git', ['show', `HEAD:${path}`], { cwd: repo, env: process.env });
  if (result.status !== 0) throw new Error(`git show HEAD:${path}: ${result.stderr}`);
  return result.stdout;
}

/** Every commit reachable from HEAD. */
export function reachableCommits(repo: string): Set<string> {
  return new Set(gitTry(repo, ['rev-list', 'HEAD']).stdout.split('\n'));
}

/** A Folio server running as a child process (`server/main.ts`), signed in as admin. */
export interface FolioProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Everything it printed so far. */
  output: () => string;
  exited: Promise<number | null>;
}

export const ADMIN_PASSWORD = 'reliability-admin-password';

const started = new Set<ChildProcess>();

/** Starts Folio on `repo` (port 0, 127.0.0.1) and resolves once it prints its URL. */
export function startFolioProcess(repo: string, timeoutMs = 30_000): Promise<FolioProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--repo', repo, '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, FOLIO_ADMIN_PASSWORD: ADMIN_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.add(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      started.delete(child);
      resolve(signal ? null : code);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Folio did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match && /Sign in as/.test(output)) {
        clearTimeout(timer);
        resolve({ child, pid: child.pid!, url: match[1]!, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Folio exited (${code}) before serving:\n${output}`));
    });
  });
}

/** SIGKILLs every Folio child still running (afterEach / afterAll). */
export async function killAllFolioProcesses(): Promise<void> {
  const waits = [...started].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
}

/** Stops a Folio child with SIGTERM (its clean shutdown) and waits for it. */
export async function stopFolioProcess(folio: FolioProcess): Promise<void> {
  if (folio.child.exitCode === null && folio.child.signalCode === null) folio.child.kill('SIGTERM');
  await folio.exited;
}

/** SIGKILLs a Folio child and waits until it is gone. */
export async function killFolioProcess(folio: FolioProcess): Promise<void> {
  if (folio.child.exitCode === null && folio.child.signalCode === null) folio.child.kill('SIGKILL');
  await folio.exited;
}

/** An HTTP answer: status and parsed JSON body (null when it was not JSON). */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A signed-in API client over fetch that keeps the session cookie. */
export class FolioClient {
  private cookie = '';
  constructor(readonly url: string) {}

  static async signIn(url: string): Promise<FolioClient> {
    const client = new FolioClient(url);
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
    client.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';', 1)[0])
      .join('; ');
    return client;
  }

  async request(method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed };
  }

  getEntry(id: string): Promise<Answer> {
    return this.request('GET', `/api/entries/${encodeURIComponent(id)}`);
  }

  /** PUT with a new title and a body that carries `marker`. */
  saveMarker(
    id: string,
    frontMatter: Record<string, unknown>,
    baseOid: string,
    marker: string,
  ): Promise<Answer> {
    return this.request('PUT', `/api/entries/${encodeURIComponent(id)}`, {
      frontMatter: { ...frontMatter, title: `Title ${marker}` },
      body: markerBody(marker),
      baseOid,
    });
  }
}

/** Waits until Folio answers /api/health (after a restart). */
export async function waitForHealth(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer /api/health`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A one-line summary of an error answer (`409 conflict/locked: message`). */
export function describeAnswer(answer: Answer): string {
  const error = answer.body?.error;
  if (!error) return `${answer.status}`;
  const reason = error.details?.reason ? `/${error.details.reason}` : '';
  return `${answer.status} ${error.code}${reason}: ${String(error.message).slice(0, 200)}`;
}

/** The first line of each error Folio logged ("Unexpected error: ..."), for a 500's report. */
export function loggedErrors(output: string): string[] {
  const lines = output.split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    if (!/Unexpected error|could not update the working tree/i.test(line)) return;
    const detail = /Error|errno|code/.test(line) ? line : (lines[i + 1] ?? '');
    found.push(detail.trim().slice(0, 200));
  });
  return [...new Set(found)];
}

/** True when a message names an absolute path (a server path leaking into an answer). */
export function hasAbsolutePath(text: string, repo: string): boolean {
  return text.includes(repo) || /(^|[\s"'(])\/(tmp|home|root|srv|var|work|usr)\//.test(text);
}

/** Files (relative paths) under `dir`, recursively, with their sizes: to prove nothing was written there. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else out.push(`${relative(dir, path)} (${stats.size})`);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Is this process root (where chmod does not stop writes)? */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}
