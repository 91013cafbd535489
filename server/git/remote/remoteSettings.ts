import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';

/** Credentials for the remote (never logged, never answered). */
export interface RemoteCredentials {
  username: string;
  password: string;
}

/** Where and how Folio syncs the branch it serves. */
export interface RemoteSettings {
  /** The remote's name (`origin`), as in `refs/remotes/<name>/...`. */
  name: string;
  /** The URL without credentials. */
  url: string;
  /** The URL as shown to people: no credentials, ever. */
  shownUrl: string;
  /** The branch on the remote, e.g. `refs/heads/main`. */
  remoteBranch: string;
  /** The local remote-tracking ref, e.g. `refs/remotes/origin/main`. */
  trackingRef: string;
  credentials: RemoteCredentials | null;
}

/** How sync was asked for: `--remote URL`, `--no-sync`, and the environment's credentials. */
export interface RemoteOptions {
  url?: string | null;
  disabled?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The remote cannot be used as configured (a clear message, said at start). */
export class RemoteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteConfigError';
  }
}

/** A URL with any user name and password taken out. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

function credentialsInUrl(url: string): RemoteCredentials | null {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return null;
    return {
      username: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    };
  } catch {
    return null;
  }
}

// git's credential store (`git config credential.helper store`): one URL with credentials a line.
async function storedCredentials(
  url: string,
  env: NodeJS.ProcessEnv,
): Promise<RemoteCredentials | null> {
  const files = [join(env.HOME ?? homedir(), '.git-credentials')];
  if (env.XDG_CONFIG_HOME) files.push(join(env.XDG_CONFIG_HOME, 'git', 'credentials'));
  const target = new URL(url);
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const stored = credentialsInUrl(line.trim());
      if (!stored) continue;
      const host = new URL(line.trim());
      if (host.protocol === target.protocol && host.host === target.host) return stored;
    }
  }
  return null;
}

/**
 * Works out the remote of the branch Folio serves, as `git pull` / `git push` would: the branch's
 * upstream (`branch.<name>.remote` and `.merge`) and that remote's URL, or the URL given with
 * `--remote`. Null when there is nothing to sync with (or sync is off). Credentials come from the
 * URL, then FOLIO_REMOTE_USERNAME / FOLIO_REMOTE_PASSWORD (or FOLIO_REMOTE_TOKEN), then git's
 * credential store file.
 */
export async function resolveRemote(
  commonDir: string,
  branch: string,
  options: RemoteOptions = {},
): Promise<RemoteSettings | null> {
  if (options.disabled) return null;
  const env = options.env ?? process.env;
  const short = branch.replace(/^refs\/heads\//, '');
  const get = async (path: string): Promise<string | undefined> => {
    const value: unknown = await git
      .getConfig({ fs, gitdir: commonDir, path })
      .catch(() => undefined);
    return typeof value === 'string' ? value : undefined;
  };
  const upstream = await get(`branch.${short}.remote`);
  const name = upstream ?? 'origin';
  const rawUrl = options.url ?? (upstream ? await get(`remote.${name}.url`) : undefined);
  if (!rawUrl) return null;
  const merge = (await get(`branch.${short}.merge`)) ?? branch;
  if (!/^https?:\/\//i.test(rawUrl))
    throw new RemoteConfigError(
      `The remote ${name} is ${withoutCredentials(rawUrl)}: Folio syncs over HTTP(S) only. ` +
        'Give an https:// URL with --remote, or start with --no-sync.',
    );
  const url = withoutCredentials(rawUrl);
  const fromEnv =
    env.FOLIO_REMOTE_TOKEN || env.FOLIO_REMOTE_PASSWORD
      ? {
          username: env.FOLIO_REMOTE_USERNAME || (env.FOLIO_REMOTE_TOKEN ? 'folio' : ''),
          password: (env.FOLIO_REMOTE_PASSWORD || env.FOLIO_REMOTE_TOKEN)!,
        }
      : null;
  return {
    name,
    url,
    shownUrl: url,
    remoteBranch: merge.startsWith('refs/') ? merge : `refs/heads/${merge}`,
    trackingRef: `refs/remotes/${name}/${merge.replace(/^refs\/heads\//, '')}`,
    credentials: credentialsInUrl(rawUrl) ?? fromEnv ?? (await storedCredentials(url, env)),
  };
}
