import { randomBytes } from 'node:crypto';

/** What a sign-in started at the provider must match when it comes back. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect URL sent to the provider (the token request repeats it). */
  redirectUrl: string;
}

/** How long a started sign-in may take at the provider. */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;
// Enough for a team signing in at once; beyond it the oldest pending sign-ins are dropped.
const MAX_PENDING = 10_000;

/**
 * Sign-ins on their way through the provider, kept in this process by a random id (the only
 * thing the browser holds, in an httpOnly cookie): the state, nonce and PKCE verifier never
 * leave the server. Each is used once and expires after PENDING_LOGIN_MS.
 */
export class PendingLogins {
  private readonly pending = new Map<string, PendingLogin & { expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps `login`; returns its opaque id. */
  add(login: PendingLogin): string {
    this.sweep();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const id = randomBytes(24).toString('base64url');
    this.pending.set(id, { ...login, expiresAt: this.now() + PENDING_LOGIN_MS });
    return id;
  }

  /** Takes (and forgets) the pending sign-in behind `id`, or null when unknown or expired. */
  take(id: string | undefined): PendingLogin | null {
    if (!id) return null;
    const found = this.pending.get(id);
    this.pending.delete(id);
    if (!found || found.expiresAt < this.now()) return null;
    const { expiresAt: _, ...login } = found;
    return login;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, login] of this.pending) if (login.expiresAt < now) this.pending.delete(id);
  }
}
