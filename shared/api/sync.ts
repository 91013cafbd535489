/** A local commit that could not be sent because the remote changed the same files. */
export interface ConflictedSave {
  commit: string;
  subject: string;
  author: string;
  /** Where the commit is kept (a ref under refs/folio/conflicts/). */
  ref: string;
}

/** Where Folio syncs, how far apart the two branches are, and what went wrong (`GET /api/sync`). */
export interface SyncStatus {
  remote: string;
  /** The remote's URL, never with credentials. */
  url: string;
  branch: string;
  state: 'idle' | 'syncing' | 'offline' | 'error' | 'stopped';
  /** Local commits not on the remote yet. */
  ahead: number;
  /** Remote commits not here yet (as of the last fetch). */
  behind: number;
  lastFetchAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
  conflicts: ConflictedSave[];
}

/** The answer of `GET /api/sync`. */
export type SyncAnswer = ({ enabled: true } & SyncStatus) | { enabled: false };
