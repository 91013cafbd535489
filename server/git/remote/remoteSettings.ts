import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** How Folio reaches it: smart HTTP(S), or a repository on this machine (path or file:// URL). */
  kind: 'http' | 'local';
  /** The URL without credentials (for a local remote, the repository's absolute path). */
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

/**
 * The absolute path of a remote on this machine (`file:///srv/site.git`, `/srv/site.git`,
 * `../site.git`: relative to the working tree, as git resolves it), or null for a URL.
 */
export function localRemotePath(url: string, commonDir: string): string | null {
  if (/^file:\/\//i.test(url)) return fileURLToPath(url);
  // A scheme (https://, ssh://) or scp-like syntax (git@host:team/site.git) is not a path.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]*:/.test(url)) return null;
  const base = basename(commonDir) === '.git' ? dirname(commonDir) : commonDir;
  return resolve(base, url);
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
  const remoteBranch = merge.startsWith('refs/') ? merge : `refs/heads/${merge}`;
  const trackingRef = `refs/remotes/${name}/${merge.replace(/^refs\/heads\//, '')}`;
  const localPath = localRemotePath(rawUrl, commonDir);
  if (localPath)
    return {
      name,
      kind: 'local',
      url: localPath,
      shownUrl: localPath,
      remoteBranch,
      trackingRef,
      credentials: null,
    };
  if (!/^https?:\/\//i.test(rawUrl))
    throw new RemoteConfigError(
      `The remote ${name} is ${withoutCredentials(rawUrl)}: Folio syncs over HTTP(S) or with a repository on this machine, not over SSH. ` +
        'Give an https:// URL (with a token) with --remote or FOLIO_REMOTE, or start with --no-sync.',
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
    kind: 'http',
    url,
    shownUrl: url,
    remoteBranch,
    trackingRef,
    credentials: credentialsInUrl(rawUrl) ?? fromEnv ?? (await storedCredentials(url, env)),
  };
}
