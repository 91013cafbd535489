import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LockedJsonFile } from './lockedJsonFile.ts';

/** How long sessions last. */
export interface SessionLimits {
  /** A session unused for this long ends (default 7 days). */
  idleMs: number;
  /** A session ends this long after sign-in however much it is used (default 30 days). */
  absoluteMs: number;
}

/** Folio's session lifetimes: 7 days idle, 30 days at most. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 7 * 24 * 3600 * 1000,
  absoluteMs: 30 * 24 * 3600 * 1000,
};

/** Options of a session store. */
export interface SessionStoreOptions extends Partial<SessionLimits> {
  /** Clock (tests move it). */
  now?: () => number;
}

const StoredSessionSchema = z.object({
  username: z.string(),
  /** The user's session stamp when the session began; a different stamp now means it ended. */
  stamp: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
});
type StoredSession = z.infer<typeof StoredSessionSchema>;
const SessionsFileSchema = z.object({
  version: z.literal(1),
  // Keyed by the SHA-256 of the cookie's token: the file never holds a token itself.
  sessions: z.record(z.string(), StoredSessionSchema),
});
type SessionsFile = z.infer<typeof SessionsFileSchema>;

/** A live session: whose it is, and the key the store knows it by. */
export interface SessionHandle {
  username: string;
  stamp: string;
  key: string;
}

// A use of a session is written down at most this often (an idle limit of days needs no more).
const TOUCH_WRITE_MS = 10 * 60 * 1000;

/**
 * Server-side sessions in `<git dir>/folio/sessions.json`, so that they survive a restart and are
 * shared by every Folio process on the repository. A session is a random cookie token whose hash
 * is kept with its user, the user's session stamp, and its start and last use; it ends when idle
 * or old, when signed out, or when the user's stamp changes.
 */
export class SessionStore {
  private readonly file: LockedJsonFile<SessionsFile>;
  private readonly limits: SessionLimits;
  private readonly now: () => number;
  private readonly touched = new Map<string, number>();
  private touchTimer: NodeJS.Timeout | null = null;

  constructor(
    path: string,
    private readonly stampOf: (username: string) => string | null,
    options: SessionStoreOptions = {},
  ) {
    // A damaged session file costs everyone a sign-in, never a server that answers 500.
    this.file = new LockedJsonFile(
      path,
      (raw) => SessionsFileSchema.parse(raw),
      () => ({
        version: 1,
        sessions: {},
      }),
      'empty',
    );
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...options };
    this.now = options.now ?? Date.now;
  }

  /** The longest a session can live: the cookie's Max-Age. */
  get maxAgeMs(): number {
    return this.limits.absoluteMs;
  }

  /** Starts a session for `username` holding `stamp`; returns the token to put in the cookie. */
  async create(username: string, stamp: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.file.update((data) => {
      this.sweep(data, now);
      data.sessions[hashToken(token)] = { username, stamp, createdAt: now, lastSeenAt: now };
    });
    return token;
  }

  /** The live session behind a token, or null (unknown, expired, or the user's stamp changed). */
  lookup(token: string | undefined): SessionHandle | null {
    if (!token) return null;
    const key = hashToken(token);
    const session = this.file.read().sessions[key];
    if (!session) return null;
    const now = this.now();
    if (!this.live(key, session, now)) return null;
    this.touch(key, session, now);
    return { username: session.username, stamp: session.stamp, key };
  }

  /** Ends the session behind a token. */
  async destroy(token: string | undefined): Promise<void> {
    if (!token) return;
    const key = hashToken(token);
    if (!this.file.read().sessions[key]) return;
    await this.file.update((data) => {
      delete data.sessions[key];
    });
  }

  /** Ends every session of `username` (their stamp should change too, for other processes' caches). */
  async destroyUser(username: string): Promise<void> {
    await this.file.update((data) => {
      for (const [key, session] of Object.entries(data.sessions))
        if (session.username === username) delete data.sessions[key];
    });
  }

  /** Writes the last uses not yet written (call before the process exits). */
  async flush(): Promise<void> {
    if (this.touchTimer) clearTimeout(this.touchTimer);
    this.touchTimer = null;
    if (this.touched.size === 0) return;
    const touched = new Map(this.touched);
    this.touched.clear();
    await this.file.update((data) => {
      for (const [key, at] of touched) {
        const session = data.sessions[key];
        if (session && session.lastSeenAt < at) session.lastSeenAt = at;
      }
      this.sweep(data, this.now());
    });
  }

  private live(key: string, session: StoredSession, now: number): boolean {
    const lastSeen = Math.max(session.lastSeenAt, this.touched.get(key) ?? 0);
    return (
      now - lastSeen <= this.limits.idleMs &&
      now - session.createdAt <= this.limits.absoluteMs &&
      this.stampOf(session.username) === session.stamp
    );
  }

  // Uses are noted in memory and written a little later, at most every TOUCH_WRITE_MS per session.
  private touch(key: string, session: StoredSession, now: number): void {
    if (now - Math.max(session.lastSeenAt, this.touched.get(key) ?? 0) < TOUCH_WRITE_MS) return;
    this.touched.set(key, now);
    this.touchTimer ??= setTimeout(() => {
      this.touchTimer = null;
      this.flush().catch((err: unknown) => {
        console.error('Could not write session activity:', (err as Error).message);
      });
    }, 1000).unref();
  }

  private sweep(data: SessionsFile, now: number): void {
    for (const [key, session] of Object.entries(data.sessions))
      if (!this.live(key, session, now)) delete data.sessions[key];
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
