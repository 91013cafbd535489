import type { ObjectStore } from '../ObjectStore.ts';
import { PushRejectedError } from './remoteErrors.ts';
import { localOnly } from './replayCommits.ts';

// Every commit reachable from `tip`, oldest first (a new branch on an empty remote).
async function wholeHistory(objects: ObjectStore, tip: string): Promise<string[]> {
  const order: string[] = [];
  const seen = new Set<string>();
  const stack = [tip];
  while (stack.length) {
    const oid = stack.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
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
  if (!remote) return wholeHistory(objects, local);
  // A tip Folio does not have, or one the local branch does not build on: fetch first.
  if (!(await objects.readCommit(remote).catch(() => null))) throw new PushRejectedError();
  const found = await localOnly(objects, local, remote).catch(() => null);
  if (!found || found.base !== remote) throw new PushRejectedError();
  return found.commits;
}
