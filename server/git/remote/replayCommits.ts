import { buildTree } from '../buildTree.ts';
import type { Signature } from '../commitObject.ts';
import type { ObjectStore } from '../ObjectStore.ts';
import { diffTrees } from '../treeDiff.ts';

/** How far back the common ancestor of the local and remote branches is looked for. */
const WALK_LIMIT = 10_000;

/** The local and remote heads share no history Folio can find: the remote was rewritten. */
export class DivergedHistoryError extends Error {
  constructor() {
    super(
      'The remote branch does not share history with this one (it was rewritten, e.g. by a force push).',
    );
    this.name = 'DivergedHistoryError';
  }
}

/** The result of replaying local commits on the remote's head. */
export interface Replay {
  /** The new local head (the remote head when nothing was replayed). */
  head: string;
  /** Local commits made again on the remote head: old id -> new id. */
  replayed: Map<string, string>;
  /** Local commits that touch a file the remote changed too (or that builds on such a commit). */
  conflicted: string[];
}

async function ancestors(objects: ObjectStore, tip: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [tip];
  while (queue.length && seen.size < WALK_LIMIT) {
    const oid = queue.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    const commit = await objects.readCommit(oid).catch(() => null);
    if (commit) queue.push(...commit.parents);
  }
  return seen;
}

/** The local commits not on the remote, oldest first, and the commit they start from. */
export async function localOnly(
  objects: ObjectStore,
  local: string,
  remote: string,
): Promise<{ base: string; commits: string[] }> {
  const remoteSide = await ancestors(objects, remote);
  const commits: string[] = [];
  for (let oid: string | undefined = local; oid;) {
    if (remoteSide.has(oid)) return { base: oid, commits: commits.reverse() };
    if (commits.length >= WALK_LIMIT) break;
    commits.push(oid);
    const commit = await objects.readCommit(oid);
    if (commit.parents.length > 1) break; // a merge is not replayed: history stays as it is
    oid = commit.parents[0];
  }
  throw new DivergedHistoryError();
}

/**
 * Replays the local commits not on `remote` onto it, as `git rebase` would for a linear history,
 * but only where that cannot merge anything: a commit whose files the remote did not change since
 * the common ancestor becomes a new commit on top (same author, message and change; the committer
 * is `committer` now); a commit touching a file the remote changed, or one that builds on such a
 * commit, is left out and reported, never merged silently.
 */
export async function replayCommits(
  objects: ObjectStore,
  local: string,
  remote: string,
  committer: (original: Signature) => Signature,
): Promise<Replay> {
  const { base, commits } = await localOnly(objects, local, remote);
  const [baseCommit, remoteCommit] = await Promise.all([
    objects.readCommit(base),
    objects.readCommit(remote),
  ]);
  const taken = new Set(
    (await diffTrees(objects, baseCommit.tree, remoteCommit.tree)).map((d) => d.path),
  );
  const replay: Replay = { head: remote, replayed: new Map(), conflicted: [] };
  let tree = remoteCommit.tree;
  for (const oid of commits) {
    const commit = await objects.readCommit(oid);
    const parent = await objects.readCommit(commit.parents[0]!);
    const deltas = await diffTrees(objects, parent.tree, commit.tree);
    if (deltas.some((d) => taken.has(d.path))) {
      replay.conflicted.push(oid);
      for (const d of deltas) taken.add(d.path);
      continue;
    }
    tree = await buildTree(
      objects,
      tree,
      deltas.map((d) => ({ path: d.path, entry: d.after })),
    );
    const next = await objects.writeCommit({
      tree,
      parents: [replay.head],
      author: commit.author,
      committer: committer(commit.committer),
      message: commit.message,
    });
    replay.replayed.set(oid, next);
    replay.head = next;
  }
  await objects.flush();
  return replay;
}
