import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { RemoteSettings } from './remoteSettings.ts';

/** The remote could not be reached (network, DNS, a 5xx): saves wait to be sent. */
export class RemoteUnreachableError extends Error {
  constructor(detail: string) {
    super(`The remote could not be reached (${detail}).`);
    this.name = 'RemoteUnreachableError';
  }
}

/** The remote refused the credentials (401/403): retrying will not help until they are fixed. */
export class RemoteAuthError extends Error {
  constructor() {
    super(
      "The remote refused Folio's credentials. Check the token or password (FOLIO_REMOTE_PASSWORD / FOLIO_REMOTE_TOKEN) and its write access.",
    );
    this.name = 'RemoteAuthError';
  }
}

/** The push was not a fast-forward: the remote moved since the last fetch. */
export class PushRejectedError extends Error {
  constructor() {
    super('The remote branch moved since Folio last fetched it.');
    this.name = 'PushRejectedError';
  }
}

function classify(err: unknown): Error {
  const e = err as { code?: string; data?: { statusCode?: number }; message?: string };
  const status = e.data?.statusCode;
  // Folio cancels a second ask for credentials: the first ones were refused.
  if (e.code === 'UserCanceledError') return new RemoteAuthError();
  if (e.code === 'HttpError' && (status === 401 || status === 403)) return new RemoteAuthError();
  // Not a fast-forward, or the remote could not lock its ref (another push at the same moment).
  if (e.code === 'PushRejectedError' || e.code === 'GitPushError') return new PushRejectedError();
  if (e.code === 'HttpError') return new RemoteUnreachableError(`HTTP ${status ?? 'error'}`);
  const sys = (err as NodeJS.ErrnoException).code;
  if (
    sys &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(
      sys,
    )
  )
    return new RemoteUnreachableError(sys);
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
  gitdir: string,
  settings: RemoteSettings,
): Promise<string | null> {
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

/** Pushes `oid` to the remote branch, fast-forward only (never a force push). */
export async function pushRemoteBranch(
  gitdir: string,
  settings: RemoteSettings,
  localRef: string,
): Promise<void> {
  try {
    const result = await git.push({
      fs,
      http,
      gitdir,
      url: settings.url,
      remote: settings.name,
      ref: localRef,
      remoteRef: settings.remoteBranch,
      force: false,
      ...authOf(settings),
    });
    if (!result.ok) throw new PushRejectedError();
  } catch (err) {
    throw classify(err);
  }
}
