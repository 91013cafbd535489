/**
 * Named instants of a write at which the reliability tests kill the server (`FOLIO_CRASH_AT=<name>`
 * in its environment, optionally `<name>:<n>` for the n-th time it is reached), to prove that a
 * crash there leaves a repository git and Folio both read correctly. Without the variable this is
 * a no-op.
 */
export type CrashPoint =
  | 'after-journal'
  | 'after-index-lock'
  | 'after-first-file'
  | 'after-files'
  | 'after-ref-lock'
  | 'after-ref-move'
  | 'after-index';

const wanted = process.env.FOLIO_CRASH_AT ?? '';
const [wantedPoint, wantedCountText] = wanted.split(':');
const wantedCount = Number(wantedCountText ?? '1') || 1;
let reached = 0;

/** Kills this process with SIGKILL when the tests asked for a crash at `point`. */
export function crashPoint(point: CrashPoint): void {
  if (!wanted || point !== wantedPoint) return;
  reached++;
  if (reached >= wantedCount) process.kill(process.pid, 'SIGKILL');
}
