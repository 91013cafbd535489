import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../../shared/api/contract.ts';

interface Session {
  username: string;
  expiresAt: number;
}

/** Server-side sessions keyed by a hash of a random cookie token; a new token at every login. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs = 7 * 24 * 60 * 60 * 1000) {}

  /** Starts a session for the user and returns the token to put in the cookie. */
  create(user: User): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(hashToken(token), {
      username: user.username,
      expiresAt: Date.now() + this.ttlMs,
    });
    return token;
  }

  /** The username behind a token, or null when unknown or expired. */
  lookup(token: string | undefined): string | null {
    if (!token) return null;
    const key = hashToken(token);
    const session = this.sessions.get(key);
    if (!session) return null;
    if (session.expiresAt < Date.now()) {
      this.sessions.delete(key);
      return null;
    }
    return session.username;
  }

  /** Ends a session. */
  destroy(token: string | undefined): void {
    if (token) this.sessions.delete(hashToken(token));
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, session] of this.sessions)
      if (session.expiresAt < now) this.sessions.delete(key);
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
