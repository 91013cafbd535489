import type { ObjectStore } from '../ObjectStore.ts';
import { PushRejectedError } from './remoteErrors.ts';
import { localOnly } from './replayCommits.ts';

/** True when `oid` is a commit the store has (a miss costs one re-listing of the packs). */
export const hasCommit = (objects: ObjectStore, oid: string): Promise<boolean> =>
  objects.readCommit(oid).then(
    () => true,
    () => false,
  );

/**
 * The commits reachable from `tip` in `objects`, oldest first, down to (without) those `known`
 * says the other side has: all of them for a new branch, the missing ones for a fetch.
 */
export async function commitsFrom(
  objects: ObjectStore,
  tip: string,
  known: (oid: string) => Promise<boolean> = async () => false,
): Promise<string[]> {
  const order: string[] = [];
  const seen = new Set<string>();
  const stack = [tip];
  while (stack.length) {
    const oid = stack.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    if (await known(oid)) continue;
    order.push(oid);
    stack.push(...(await objects.readCommit(oid)).parents);
  }
  return order.reverse();
}

/**
 * The commits to push, oldest first: those after the remote's tip `remote`, which must be an
 * ancestor of `local` (fast-forward only; else PushRejectedError: fetch first), or the whole
 * history when the remote branch does not exist yet.
 */
export async function commitsAfter(
  objects: ObjectStore,
  local: string,
  remote: string | null,
): Promise<string[]> {
  if (!remote) return commitsFrom(objects, local);
  // A tip Folio does not have, or one the local branch does not build on: fetch first.
  if (!(await objects.readCommit(remote).catch(() => null))) throw new PushRejectedError();
  const found = await localOnly(objects, local, remote).catch(() => null);
  if (!found || found.base !== remote) throw new PushRejectedError();
  return found.commits;
}
