import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { signatureNow } from '../commitObject.ts';
import { LockedError } from '../lockFile.ts';
import { locateRepository } from '../locateRepository.ts';
import { ObjectStore } from '../ObjectStore.ts';
import { readHeadTarget, readRef } from '../refs.ts';
import { readRepositoryLayout, type RepositoryLayout } from '../repositoryLayout.ts';
import { RefMovedError, updateRefCas } from '../updateRefCas.ts';
import type { ObjectType } from '../writeLooseObject.ts';
import { commitsAfter, commitsFrom, hasCommit } from './commitsAfter.ts';
import { moveTrackingRef } from './moveTrackingRef.ts';
import { objectsToPush } from './objectsToPush.ts';
import { type PushResult, PushRejectedError, RemoteUnreachableError } from './remoteErrors.ts';
import type { RemoteSettings } from './remoteSettings.ts';
import { PushRefusedError } from './sendPack.ts';

/** The server-side hooks `git push` would run on a local remote, which Folio's local push does not. */
const RECEIVE_HOOKS = ['pre-receive', 'update', 'post-receive', 'post-update'];

interface LocalRemote {
  layout: RepositoryLayout;
  objects: ObjectStore;
}

// The repositories of local remotes, opened once each: a new object store would list and load
// the remote's pack indexes again on every push and fetch.
const opened = new Map<string, Promise<LocalRemote>>();

// The repository at the remote's path (a bare repository, or a working copy's .git).
function openLocalRemote(settings: RemoteSettings): Promise<LocalRemote> {
  let remote = opened.get(settings.url);
  if (!remote) {
    remote = (async () => {
      const location = await locateRepository(settings.url).catch(() => {
        throw new RemoteUnreachableError(`no git repository at ${settings.url}`);
      });
      const layout = await readRepositoryLayout(location);
      return { layout, objects: new ObjectStore(layout.commonDir) };
    })();
    opened.set(settings.url, remote);
    // A path with no repository yet (or a damaged one) is looked at again next time.
    remote.catch(() => opened.delete(settings.url));
  }
  return remote;
}

// Copies objects from one store to another, as they are (same ids), and waits until they are on disk.
async function copyObjects(from: ObjectStore, to: ObjectStore, oids: readonly string[]) {
  for (const oid of oids) {
    const found = await from.readAny(oid);
    await to.writeRaw(found.type as ObjectType, found.content);
  }
  await to.flush();
}

/**
 * Fetches the remote branch of a remote on this machine (a path or file:// URL): copies the
 * commits, trees and blobs this repository lacks (only the folders that changed), moves the
 * remote-tracking ref, and returns the remote's head (null when the branch does not exist).
 */
export async function fetchLocalBranch(
  here: ObjectStore,
  commonDir: string,
  settings: RemoteSettings,
): Promise<string | null> {
  const remote = await openLocalRemote(settings);
  const tip = await readRef(remote.layout.commonDir, settings.remoteBranch);
  if (!tip) return null;
  const commits = await commitsFrom(remote.objects, tip, (oid) => hasCommit(here, oid));
  if (commits.length)
    await copyObjects(remote.objects, here, await objectsToPush(remote.objects, commits, null));
  await moveTrackingRef(commonDir, settings.trackingRef, tip);
  return tip;
}

/**
 * The hooks of a local remote that `git push` would run and Folio does not (it writes the objects
 * and moves the branch itself, under git's ref lock): for a warning at start.
 */
export async function activeReceiveHooks(settings: RemoteSettings): Promise<string[]> {
  const remote = await openLocalRemote(settings).catch(() => null);
  if (!remote) return [];
  const found: string[] = [];
  for (const hook of RECEIVE_HOOKS) {
    const s = await stat(join(remote.layout.commonDir, 'hooks', hook)).catch(() => null);
    if (s?.isFile() && (s.mode & 0o111) !== 0) found.push(hook);
  }
  return found;
}

/**
 * Pushes `local` to the branch of a remote on this machine, fast-forward only: the objects the
 * remote lacks are written into it first, then its branch moves under git's ref lock only if it
 * still points where the push started. A branch checked out in the remote's working tree is
 * refused, as git refuses it (receive.denyCurrentBranch).
 */
export async function pushLocalBranch(
  here: ObjectStore,
  commonDir: string,
  settings: RemoteSettings,
  local: string,
): Promise<PushResult> {
  const remote = await openLocalRemote(settings);
  const ref = settings.remoteBranch;
  if (remote.layout.dir !== null) {
    const head = await readHeadTarget(remote.layout.gitdir).catch(() => null);
    if (head && !head.detached && head.branch === ref)
      throw new PushRefusedError(
        ref,
        `it is checked out in the working copy at ${remote.layout.dir} (git refuses such pushes too); ` +
          'point the remote at a bare repository (git clone --bare)',
      );
  }
  const before = await readRef(remote.layout.commonDir, ref);
  let sent = { commits: 0, objects: 0 };
  if (before !== local) {
    const commits = await commitsAfter(here, local, before);
    const oids = await objectsToPush(here, commits, before);
    await copyObjects(here, remote.objects, oids);
    try {
      await updateRefCas({
        commonDir: remote.layout.commonDir,
        ref,
        expected: before,
        next: local,
        reflog: [
          {
            newOid: local,
            committer: signatureNow({ name: 'Folio sync', email: 'folio@localhost' }),
            message: 'push (Folio sync)',
          },
        ],
        headLogDir: null,
        createReflogs: remote.layout.logAllRefUpdates,
      });
    } catch (err) {
      if (err instanceof RefMovedError || err instanceof LockedError) throw new PushRejectedError();
      throw err;
    }
    sent = { commits: commits.length, objects: oids.length };
  }
  await moveTrackingRef(commonDir, settings.trackingRef, local, { afterPush: true });
  return { before, ...sent };
}
