import { expect } from 'vitest';
import { gitCli } from './gitCli.ts';

/** Asserts what native git must say after any sequence of Folio saves: fsck clean and a clean working tree. */
export function expectHealthyRepo(repo: string): void {
  gitCli(repo, ['fsck', '--strict', '--no-progress']); // throws (non-zero exit) on any problem
  expect(gitCli(repo, ['status', '--porcelain'])).toBe('');
}

/** The newest commit as `author name|author email|subject`. */
export function lastCommit(repo: string): {
  author: string;
  email: string;
  subject: string;
  oid: string;
} {
  const [oid = '', author = '', email = '', subject = ''] = gitCli(repo, [
    'log',
    '-1',
    '--format=%H%x00%an%x00%ae%x00%s',
  ]).split('\0');
  return { oid, author, email, subject };
}

/** Number of commits on the current branch. */
export function commitCount(repo: string): number {
  return Number(gitCli(repo, ['rev-list', '--count', 'HEAD']));
}

/** A file as the newest commit holds it. */
export function fileAtHead(repo: string, path: string): string {
  return gitCli(repo, ['show', `HEAD:${path}`]);
}
