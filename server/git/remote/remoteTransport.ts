import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { ObjectStore } from '../ObjectStore.ts';
import {
  networkCode,
  PushRejectedError,
  RemoteAuthError,
  RemoteUnreachableError,
} from './remoteErrors.ts';
import type { RemoteSettings } from './remoteSettings.ts';
import { fetchLocalBranch, pushLocalBranch } from './localRemote.ts';
import type { PushResult } from './remoteErrors.ts';
import { sendPack } from './sendPack.ts';

export { PushRejectedError, RemoteAuthError, RemoteUnreachableError };

/** What sync needs of the local repository: its objects, git directory and common directory. */
export interface RepositoryAccess {
  objects: ObjectStore;
  gitdir: string;
  commonDir: string;
}

function classify(err: unknown): Error {
  const e = err as { code?: string; data?: { statusCode?: number }; message?: string };
  const status = e.data?.statusCode;
  // Folio cancels a second ask for credentials: the first ones were refused.
  if (e.code === 'UserCanceledError') return new RemoteAuthError();
  if (e.code === 'HttpError' && (status === 401 || status === 403)) return new RemoteAuthError();
  if (e.code === 'HttpError') return new RemoteUnreachableError(`HTTP ${status ?? 'error'}`);
  const sys = networkCode(err);
  if (sys) return new RemoteUnreachableError(sys);
  return err instanceof Error ? err : new Error(String(err));
}

function authOf(settings: RemoteSettings) {
  let tries = 0;
  return {
    // Credentials once; a second ask means they were refused (no retry storm).
    onAuth: () => (tries++ === 0 && settings.credentials ? settings.credentials : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

/**
 * Fetches the remote branch into its remote-tracking ref (objects land in a pack, as `git fetch`
 * leaves them) and returns the remote's head, or null when the remote branch does not exist yet.
 */
export async function fetchRemoteBranch(
  repo: RepositoryAccess,
  settings: RemoteSettings,
): Promise<string | null> {
  if (settings.kind === 'local') return fetchLocalBranch(repo.objects, repo.commonDir, settings);
  const gitdir = repo.gitdir;
  try {
    const result = await git.fetch({
      fs,
      http,
      gitdir,
      url: settings.url,
      remote: settings.name,
      ref: settings.remoteBranch.replace(/^refs\/heads\//, ''),
      remoteRef: settings.remoteBranch,
      singleBranch: true,
      tags: false,
      ...authOf(settings),
    });
    return result.fetchHead ?? null;
  } catch (err) {
    const e = err as { code?: string };
    if (e.code === 'NotFoundError' || e.code === 'EmptyServerResponseError') return null;
    throw classify(err);
  }
}

/**
 * Pushes the commit `local` to the remote branch, fast-forward only (never a force push), sending
 * only the objects the remote lacks (see sendPack), and moves the remote-tracking ref.
 */
export function pushRemoteBranch(
  repo: RepositoryAccess,
  settings: RemoteSettings,
  local: string,
): Promise<PushResult> {
  if (settings.kind === 'local')
    return pushLocalBranch(repo.objects, repo.commonDir, settings, local);
  return sendPack(repo.objects, repo.commonDir, settings, local);
}
