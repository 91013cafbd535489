import type { ObjectStore } from '../ObjectStore.ts';
import {
  type PushResult,
  PushRejectedError,
  RemoteAuthError,
  RemoteUnreachableError,
} from './remoteErrors.ts';
import type { RemoteSettings } from './remoteSettings.ts';
import { fetchPack } from './fetchPack.ts';
import { fetchLocalBranch, pushLocalBranch } from './localRemote.ts';
import { sendPack } from './sendPack.ts';

export { PushRejectedError, RemoteAuthError, RemoteUnreachableError };

/** What sync needs of the local repository: its objects, git directory and common directory. */
export interface RepositoryAccess {
  objects: ObjectStore;
  gitdir: string;
  commonDir: string;
}

/**
 * Fetches the remote branch into its remote-tracking ref and returns the remote's head, or null
 * when the remote branch does not exist yet: over smart HTTP with `fetchPack` (the local tip
 * `localTip` and the tracking ref as common ground), or from a repository on this machine.
 */
export async function fetchRemoteBranch(
  repo: RepositoryAccess,
  settings: RemoteSettings,
  localTip: string | null = null,
): Promise<string | null> {
  if (settings.kind === 'local') return fetchLocalBranch(repo.objects, repo.commonDir, settings);
  return fetchPack(repo.objects, repo.commonDir, settings, localTip);
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
