import { execFileSync } from 'node:child_process';

/** Fixed identity and dates so that tests which assert oids are repeatable. */
export const GIT_TEST_ENV = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Runs the native git CLI in `cwd` and returns its trimmed stdout. */
export function gitCli(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trimEnd();
}
