import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Timings of one operation, in milliseconds. */
export interface Sample {
  p50: number;
  p95: number;
  n: number;
}

/** The p50 and p95 of a list of durations. */
export function summarize(durations: number[]): Sample {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

/** Runs `fn` `runs` times (after one warm-up unless `warmup` is 0) and summarizes the durations. */
export async function timeRuns(
  runs: number,
  fn: (i: number) => Promise<unknown> | unknown,
  warmup = 1,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return summarize(durations);
}

/** Runs native git and returns stdout; throws with git's stderr on failure. */
export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    input,
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs a shell pipeline (for native comparisons made of several git commands). */
export function sh(cwd: string, script: string): void {
  const result = spawnSync('bash', ['-c', script], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
}

/** Like timeRuns, for work whose timed part `fn` measures itself and returns (in ms). */
export async function timeMeasured(
  runs: number,
  fn: (i: number) => Promise<number> | number,
  warmup = 1,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) durations.push(await fn(i));
  return summarize(durations);
}
