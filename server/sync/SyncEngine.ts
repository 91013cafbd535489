import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConflictedSave, SyncStatus } from '../../shared/api/sync.ts';
import { signatureNow } from '../git/commitObject.ts';
import type { CommitInfo } from '../git/commitParser.ts';
import type { GitStore } from '../git/GitStore.ts';
import { deleteRefCas } from '../git/deleteRef.ts';
import { listRefs, readRef } from '../git/refs.ts';
import { DivergedHistoryError, localOnly, replayCommits } from '../git/remote/replayCommits.ts';
import type { RemoteSettings } from '../git/remote/remoteSettings.ts';
import {
  PushRejectedError,
  RemoteAuthError,
  RemoteUnreachableError,
  fetchRemoteBranch,
  pushRemoteBranch,
  type RepositoryAccess,
} from '../git/remote/remoteTransport.ts';
import { updateRefCas } from '../git/updateRefCas.ts';
import type { BatchSync, SyncState } from '../git/writeBatch.ts';

export type { ConflictedSave, SyncStatus };

/** How the engine runs: the fetch interval and the identity recorded for sync's own ref moves. */
export interface SyncOptions {
  fetchIntervalMs?: number;
  now?: () => Date;
}

const SYNC_IDENTITY = { name: 'Folio sync', email: 'folio@localhost' };
/** Where conflicted saves are kept, one ref per commit. */
const CONFLICTS = 'refs/folio/conflicts/';
/**
 * Pushes tried per batch while other writers keep moving the remote (or hold its ref lock): at
 * least this many, and more while the batch has waited less than PUSH_PATIENCE_MS (a busy remote on
 * a loaded machine makes each try slow, and the save is answered only once it is on the remote).
 */
const PUSH_ATTEMPTS = 10;
const PUSH_PATIENCE_MS = 20_000;

/**
 * Keeps the branch Folio serves in step with its remote, as one more well-behaved writer: each
 * batch of saves is pushed before it is answered (fast-forward only); a push the remote rejects
 * is followed by a fetch and a replay of the local commits on the remote head (`replayCommits`),
 * where a save whose file the remote changed runs again (and reports its own conflict). Every
 * `fetchIntervalMs` (and on a webhook) the remote's new commits come in by fast-forward. When the
 * remote cannot be reached, saves stay local and are sent later; a rewritten remote stops sync.
 */
export class SyncEngine implements BatchSync {
  private readonly status: SyncStatus;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private nextTryAt = 0;
  private readonly now: () => Date;

  constructor(
    private readonly store: GitStore,
    private readonly settings: RemoteSettings,
    private readonly options: SyncOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.status = {
      remote: settings.name,
      url: settings.shownUrl,
      branch: settings.remoteBranch,
      state: 'idle',
      ahead: 0,
      behind: 0,
      lastFetchAt: null,
      lastPushAt: null,
      lastError: null,
      conflicts: [],
    };
  }

  private get repo(): RepositoryAccess {
    const { gitdir, commonDir } = this.store.layout;
    return { objects: this.store.objects, gitdir, commonDir };
  }

  private get stopFile(): string {
    return join(this.store.layout.commonDir, 'folio', 'sync-stopped.json');
  }

  /** Reads what an earlier run left: the conflicted saves on their refs, and a stop (kept until an admin removes it). */
  async init(): Promise<void> {
    await this.loadConflicts();
    const text = await readFile(this.stopFile, 'utf8').catch(() => null);
    if (text === null) return;
    let reason = 'Sync was stopped by an earlier run.';
    try {
      reason = String((JSON.parse(text) as { reason?: unknown }).reason ?? reason);
    } catch {
      // a damaged file still means stopped
    }
    this.status.state = 'stopped';
    this.status.lastError = reason;
  }

  // Keeps the local commits on a side ref and records the stop, so a restart does not resume it.
  private async stopForGood(err: DivergedHistoryError): Promise<void> {
    const head = await this.store.head();
    const ref = `refs/folio/diverged/${Date.now()}`;
    if (head.commit)
      await updateRefCas({
        commonDir: this.store.layout.commonDir,
        ref,
        expected: null,
        next: head.commit,
        reflog: [
          {
            newOid: head.commit,
            committer: signatureNow(SYNC_IDENTITY, this.now()),
            message: 'Folio sync: kept before the remote was rewritten',
          },
        ],
        headLogDir: null,
        createReflogs: false,
      }).catch(() => undefined);
    const reason =
      `${err.message} Folio stopped syncing; this server's commits are kept (branch and ${ref}). ` +
      `Reconcile the branch with git, then delete .git/folio/sync-stopped.json and restart Folio.`;
    this.status.state = 'stopped';
    this.status.lastError = reason;
    await mkdir(dirname(this.stopFile), { recursive: true });
    await writeFile(this.stopFile, JSON.stringify({ reason, ref, at: this.now().toISOString() }));
  }

  /** The remote branch Folio syncs with (`refs/heads/main`). */
  get branch(): string {
    return this.settings.remoteBranch;
  }

  /** The current status (a copy). */
  async snapshot(): Promise<SyncStatus> {
    await this.count().catch(() => undefined);
    return { ...this.status, conflicts: [...this.status.conflicts] };
  }

  /** Starts the periodic fetch (and sends what waits). */
  start(): void {
    const interval = this.options.fetchIntervalMs ?? 15_000;
    if (interval <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (Date.now() >= this.nextTryAt) void this.syncNow().catch(() => undefined);
    }, interval);
    this.timer.unref();
  }

  /** Stops the periodic fetch. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Fetches now, brings the remote's commits in and sends the local ones (a webhook, a timer). */
  syncNow(): Promise<void> {
    if (this.status.state === 'stopped') return Promise.resolve();
    return this.store.exclusive(async () => {
      await this.pushOrReplay([]);
    });
  }

  /** The BatchSync hook: sends a landed batch before its saves are answered. */
  async afterLanding(
    landed: { commit: string; item: number }[],
  ): ReturnType<BatchSync['afterLanding']> {
    if (this.status.state === 'stopped') return { rerun: [], commits: new Map(), state: 'pending' };
    return this.pushOrReplay(landed);
  }

  private async pushOrReplay(
    landed: { commit: string; item: number }[],
  ): ReturnType<BatchSync['afterLanding']> {
    const commits = new Map<string, string>();
    const rerun: number[] = [];
    this.status.state = 'syncing';
    try {
      const started = Date.now();
      const mayTryAgain = (attempt: number): boolean =>
        attempt < PUSH_ATTEMPTS || Date.now() - started < PUSH_PATIENCE_MS;
      for (let attempt = 1; ; attempt++) {
        const head = await this.store.head();
        const known = await readRef(this.store.layout.commonDir, this.settings.trackingRef);
        if (
          head.commit &&
          head.commit !== known &&
          (await this.hasLocalCommits(head.commit, known))
        ) {
          try {
            await pushRemoteBranch(this.repo, this.settings, head.commit);
            this.status.lastPushAt = this.now().toISOString();
            return this.succeeded(commits, rerun, 'pushed');
          } catch (err) {
            if (!(err instanceof PushRejectedError)) throw err;
          }
        }
        const remote = await this.fetch(known);
        if (!remote || remote === head.commit) return this.succeeded(commits, rerun, 'pushed');
        // The remote refused without moving (another push held its ref lock): wait, try again.
        if (remote !== known || !(await this.hasLocalCommits(head.commit!, remote)))
          await this.bringIn(head, remote, landed, commits, rerun);
        if (!mayTryAgain(attempt)) break;
        // A random pause that grows, so writers racing for the remote branch stop colliding.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(20 * 2 ** attempt, 1000)),
        );
      }
      throw new Error(
        'The remote kept moving while Folio was sending its commits; will try again.',
      );
    } catch (err) {
      if (err instanceof DivergedHistoryError) await this.stopForGood(err).catch(() => undefined);
      return this.failed(err, commits, rerun);
    }
  }

  // Whether the local branch has commits the remote-tracking ref does not.
  private async hasLocalCommits(head: string, known: string | null): Promise<boolean> {
    if (!known) return true;
    const { commits } = await localOnly(this.store.objects, head, known).catch(() => ({
      commits: [head],
    }));
    return commits.length > 0;
  }

  private async fetch(known: string | null): Promise<string | null> {
    const remote = await fetchRemoteBranch(
      this.repo,
      this.settings,
      (await this.store.head()).commit,
    );
    this.status.lastFetchAt = this.now().toISOString();
    if (known && remote && remote !== known) {
      // A remote that no longer contains what Folio last saw of it was rewritten.
      const { commits } = await localOnly(this.store.objects, known, remote).catch(() => ({
        commits: ['diverged'],
      }));
      if (commits.length > 0) throw new DivergedHistoryError();
    }
    return remote;
  }

  // Fast-forwards to the remote, or replays the local commits on it.
  private async bringIn(
    head: Awaited<ReturnType<GitStore['head']>>,
    remote: string,
    landed: { commit: string; item: number }[],
    commits: Map<string, string>,
    rerun: number[],
  ): Promise<void> {
    const who = signatureNow(SYNC_IDENTITY, this.now());
    if (!head.commit) {
      await this.store.moveBranch(head, remote, 'pull: fast-forward (Folio sync)', who);
      return;
    }
    const replay = await replayCommits(this.store.objects, head.commit, remote, (c) => ({
      ...c,
      timestamp: who.timestamp,
      offsetMinutes: who.offsetMinutes,
    }));
    for (const [before, after] of replay.replayed)
      for (const [old, current] of [...commits]) if (current === before) commits.set(old, after);
    for (const [before, after] of replay.replayed)
      if (!commits.has(before)) commits.set(before, after);
    for (const dropped of replay.conflicted) {
      const item = landed.find(
        (l) => (commits.get(l.commit) ?? l.commit) === dropped || l.commit === dropped,
      );
      if (item) rerun.push(item.item);
      else await this.keepConflict(dropped);
    }
    const message = replay.replayed.size
      ? 'rebase (Folio sync): onto the remote'
      : 'pull: fast-forward (Folio sync)';
    await this.store.moveBranch(head, replay.head, message, who);
  }

  // A save that was answered (made offline) and cannot be replayed: kept on a ref, listed.
  private async keepConflict(commit: string): Promise<void> {
    const info = await this.store.objects.readCommit(commit);
    const ref = `${CONFLICTS}${commit}`;
    await updateRefCas({
      commonDir: this.store.layout.commonDir,
      ref,
      expected: null,
      next: commit,
      reflog: [
        {
          newOid: commit,
          committer: signatureNow(SYNC_IDENTITY, this.now()),
          message: 'Folio sync: a save that conflicts with the remote',
        },
      ],
      headLogDir: null,
      createReflogs: false,
    }).catch(() => undefined);
    this.noteConflict(commit, info);
  }

  // Lists a conflicted save once (a restart finds it on its ref again).
  private noteConflict(commit: string, info: CommitInfo): void {
    if (this.status.conflicts.some((c) => c.commit === commit)) return;
    this.status.conflicts.push({
      commit,
      subject: info.message.split('\n', 1)[0] ?? '',
      author: info.author.name,
      date: new Date(info.author.timestamp * 1000).toISOString(),
      ref: `${CONFLICTS}${commit}`,
    });
  }

  // The conflicted saves kept by earlier runs (or other servers on this repository), oldest first.
  private async loadConflicts(): Promise<void> {
    const refs = await listRefs(this.store.layout.commonDir, CONFLICTS);
    const found = await Promise.all(
      [...refs.values()].map(async (commit) => ({
        commit,
        info: await this.store.objects.readCommit(commit).catch(() => null),
      })),
    );
    // Oldest first; of two saves in one second, the one built on the other comes after it.
    const parentOf = (x: (typeof found)[0], y: (typeof found)[0]) =>
      x.info?.parents.includes(y.commit) ? 1 : 0;
    found.sort(
      (a, b) =>
        (a.info?.author.timestamp ?? 0) - (b.info?.author.timestamp ?? 0) ||
        parentOf(a, b) - parentOf(b, a),
    );
    for (const { commit, info } of found) if (info) this.noteConflict(commit, info);
  }

  /** The conflicted save kept for `commit`, or null when none is (unknown, or dropped already). */
  conflict(commit: string): ConflictedSave | null {
    return this.status.conflicts.find((c) => c.commit === commit) ?? null;
  }

  /**
   * Drops a conflicted save an editor resolved: deletes its ref (only if it still names the
   * commit) and its list item. False when no such save is kept.
   */
  async dropConflict(commit: string): Promise<boolean> {
    const kept = this.conflict(commit);
    if (!kept) return false;
    const { commonDir } = this.store.layout;
    if ((await readRef(commonDir, kept.ref)) === commit)
      await deleteRefCas({ commonDir, ref: kept.ref, expected: commit });
    this.status.conflicts.splice(this.status.conflicts.indexOf(kept), 1);
    return true;
  }

  private succeeded(
    commits: Map<string, string>,
    rerun: number[],
    state: SyncState,
  ): Awaited<ReturnType<BatchSync['afterLanding']>> {
    this.status.state = 'idle';
    this.status.lastError = null;
    this.failures = 0;
    this.nextTryAt = 0;
    return { commits, rerun, state };
  }

  private failed(
    err: unknown,
    commits: Map<string, string>,
    rerun: number[],
  ): Awaited<ReturnType<BatchSync['afterLanding']>> {
    this.failures++;
    if (err instanceof DivergedHistoryError) {
      this.status.state = 'stopped';
    } else if (err instanceof RemoteAuthError || err instanceof RemoteUnreachableError) {
      this.status.state = err instanceof RemoteAuthError ? 'error' : 'offline';
      this.status.lastError = err.message;
    } else {
      this.status.state = 'error';
      this.status.lastError = err instanceof Error ? err.message : String(err);
    }
    // Back off: 15 s, 30 s, 1 min... up to 10 min; refused credentials wait the longest.
    const base =
      err instanceof RemoteAuthError ? 600_000 : 15_000 * 2 ** Math.min(this.failures - 1, 5);
    this.nextTryAt = Date.now() + Math.min(base, 600_000);
    return { commits, rerun, state: 'pending' };
  }

  private async count(): Promise<void> {
    const head = await this.store.head();
    const known = await readRef(this.store.layout.commonDir, this.settings.trackingRef);
    if (!head.commit || !known) {
      this.status.ahead = head.commit && !known ? 1 : 0;
      this.status.behind = 0;
      return;
    }
    this.status.ahead = (await localOnly(this.store.objects, head.commit, known)).commits.length;
    this.status.behind = (await localOnly(this.store.objects, known, head.commit)).commits.length;
  }
}
