import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UserStore } from '../auth/UserStore.ts';
import { locateRepository } from '../git/locateRepository.ts';

/** A failure the CLI reports as one sentence, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Wrong use of a command (unknown command or flag, missing argument): exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** Options every `folio user` command takes: the repository, as `npm start` finds it. */
export const REPO_OPTIONS = {
  repo: { type: 'string' },
  data: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Where the commands write and how they read a password. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  readPassword: (options: { fromStdin: boolean; confirm: boolean }) => Promise<string>;
}

/**
 * The repository a command works on: --repo, else FOLIO_REPO, else the sample site's copy in
 * DATA/site (--data, FOLIO_DATA_DIR, default `data`), as `npm start` resolves it.
 */
export function resolveRepo(values: { repo?: string; data?: string }, env: NodeJS.ProcessEnv) {
  const given = values.repo ?? env.FOLIO_REPO;
  if (given) return resolve(given);
  return join(resolve(values.data ?? env.FOLIO_DATA_DIR ?? 'data'), 'site');
}

/** Opens the users of the repository the options name (`<git common dir>/folio/users.json`). */
export async function openUsers(
  values: { repo?: string; data?: string },
  env: NodeJS.ProcessEnv,
): Promise<UserStore> {
  const repo = resolveRepo(values, env);
  if (!existsSync(repo))
    throw new CliError(
      `No repository at ${repo}. Give one with --repo PATH (or FOLIO_REPO), or start Folio once (npm start) to create the sample site.`,
    );
  const { gitdir } = await locateRepository(repo).catch((err: Error) => {
    throw new CliError(err.message);
  });
  // A linked worktree keeps Folio's data in the main git directory, as the server does
  // (readRepositoryLayout, which would load isomorphic-git into this short process).
  const common = await readFile(join(gitdir, 'commondir'), 'utf8').catch(() => null);
  const commonDir = common ? resolve(gitdir, common.trim()) : gitdir;
  return UserStore.open(join(commonDir, 'folio', 'users.json'));
}

/** Parses `value` with `schema`, or fails naming what was wrong with it. */
export function valid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CliError(`Invalid ${what} "${String(value)}": ${result.error.issues[0]?.message}.`);
}

/** The one positional argument a command needs, or a usage error naming it. */
export function positional(positionals: string[], index: number, name: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`Missing <${name}>.`);
  return value;
}

/** Refuses positional arguments past the ones a command takes. */
export function noMoreArguments(positionals: string[], count: number): void {
  if (positionals.length > count)
    throw new UsageError(`Unexpected argument "${positionals[count]}".`);
}
