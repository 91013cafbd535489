import type { CommitInfo } from './commitParser.ts';
import type { ObjectStore } from './ObjectStore.ts';

/** One commit waiting in a walk, with the path followed on its line of history (if any). */
export interface WalkItem {
  commit: string;
  path?: string;
}

/** A priority queue of commits, newest committer date first, as `git log` orders them. */
export class CommitQueue {
  private readonly items: { item: WalkItem; time: number; seq: number }[] = [];
  private readonly queued = new Set<string>();
  private seq = 0;

  constructor(private readonly objects: ObjectStore) {}

  /** Adds a commit unless the same commit (with the same path) is already waiting or was seen. */
  async push(item: WalkItem): Promise<void> {
    const key = `${item.commit}\0${item.path ?? ''}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    const info = await this.objects.readCommit(item.commit);
    this.items.push({ item, time: info.committer.timestamp, seq: this.seq++ });
  }

  /** Takes the newest commit (ties: the first pushed). */
  pop(): WalkItem | undefined {
    if (this.items.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i]!;
      const b = this.items[best]!;
      if (a.time > b.time || (a.time === b.time && a.seq < b.seq)) best = i;
    }
    return this.items.splice(best, 1)[0]!.item;
  }

  /** What is still waiting: the place to resume from. */
  pending(): WalkItem[] {
    return [...this.items].sort((a, b) => b.time - a.time || a.seq - b.seq).map((i) => i.item);
  }
}

/** A page of a walk and where to continue (null at the end of history). */
export interface WalkPage<T> {
  items: T[];
  next: WalkItem[] | null;
  /** A rename could not be followed: the content it takes is not in this partial clone. */
  unavailable?: true;
}

/**
 * Lists commits reachable from `start`, newest first, keeping those `accept` approves, until
 * `limit` are found or `maxScan` commits were read (then `next` says where to go on).
 */
export async function walkCommits(
  objects: ObjectStore,
  start: readonly WalkItem[],
  options: { limit: number; maxScan: number; accept?: (commit: CommitInfo) => boolean },
): Promise<WalkPage<CommitInfo>> {
  const queue = new CommitQueue(objects);
  for (const item of start) await queue.push({ commit: item.commit });
  const items: CommitInfo[] = [];
  let scanned = 0;
  while (items.length < options.limit && scanned < options.maxScan) {
    const next = queue.pop();
    if (!next) return { items, next: null };
    scanned++;
    const commit = await objects.readCommit(next.commit);
    if (!options.accept || options.accept(commit)) items.push(commit);
    for (const parent of commit.parents) await queue.push({ commit: parent });
  }
  const pending = queue.pending();
  return { items, next: pending.length ? pending : null };
}
