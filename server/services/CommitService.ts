import { z } from 'zod';
import type { CommitDetail, CommitList } from '../../shared/api/contract.ts';
import { NotFoundError } from '../errors.ts';
import { walkCommits } from '../git/commitWalk.ts';
import type { GitStore } from '../git/GitStore.ts';
import { MissingObjectError } from '../git/ObjectStore.ts';
import { diffTrees } from '../git/treeDiff.ts';
import { toCommitSummary } from './commitSummary.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { describeFileChange, pairRenames } from './fileChanges.ts';
import { unavailableAsNotFound } from './unavailable.ts';

const CommitCursorSchema = z.object({
  f: z
    .array(z.string().regex(/^[0-9a-f]{40}$/))
    .min(1)
    .max(64),
});
/** Commits read per page at most when filtering by author. */
const SCAN_LIMIT = 2000;
/** Files described in one commit detail; an import of a whole site stops here. */
const MAX_FILES = 300;

/** The site's history: commit lists and one commit with its changes. */
export class CommitService {
  constructor(private readonly store: GitStore) {}

  /** GET /api/commits: newest first, optionally only commits whose author name or email contains `author`. */
  async list(options: { limit: number; cursor?: string; author?: string }): Promise<CommitList> {
    const head = await this.store.head();
    if (!head.commit) return { items: [], nextCursor: null };
    const objects = this.store.objects;
    objects.refreshShallow();
    const start = options.cursor
      ? decodeCursor(options.cursor, CommitCursorSchema).f.map((commit) => ({ commit }))
      : [{ commit: head.commit }];
    const needle = options.author?.toLowerCase();
    const page = await walkCommits(objects, start, {
      limit: options.limit,
      maxScan: SCAN_LIMIT,
      accept: needle
        ? (c) => `${c.author.name} <${c.author.email}>`.toLowerCase().includes(needle)
        : undefined,
    }).catch((err: unknown) => {
      if (err instanceof MissingObjectError)
        throw new NotFoundError('The cursor names a commit this repository does not have.');
      throw err;
    });
    const list: CommitList = {
      items: page.items.map(toCommitSummary),
      nextCursor: page.next ? encodeCursor({ f: page.next.map((n) => n.commit) }) : null,
    };
    if (page.items.some((c) => objects.isShallow(c.oid))) list.shallow = true;
    return list;
  }

  /** GET /api/commits/{oid}: the commit and what it changed against its first parent. */
  async get(oid: string): Promise<CommitDetail> {
    this.store.objects.refreshShallow();
    const commit = await this.store.objects.readCommit(oid).catch((err: unknown) => {
      if (err instanceof MissingObjectError)
        throw new NotFoundError(`No commit ${oid} in this repository.`);
      throw err;
    });
    const parent = commit.parents[0]
      ? await this.store.objects.readCommit(commit.parents[0])
      : null;
    const deltas = await diffTrees(this.store.objects, parent?.tree ?? null, commit.tree).catch(
      (err: unknown) => {
        throw unavailableAsNotFound(err, `What commit ${oid.slice(0, 7)} changed`);
      },
    );
    const paired = pairRenames(deltas);
    const changes = [];
    for (const { delta, previous } of paired.slice(0, MAX_FILES))
      changes.push(await describeFileChange(this.store.objects, delta, previous));
    const detail: CommitDetail = { ...toCommitSummary(commit), parents: commit.parents, changes };
    if (paired.length > MAX_FILES) detail.truncated = true;
    if (this.store.objects.isShallow(oid)) detail.shallow = true;
    return detail;
  }
}
