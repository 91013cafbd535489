/** How many failed sign-ins are allowed in one window, per account and address, per account, per address. */
export interface LoginLimits {
  windowMs: number;
  /** Failures for one account from one address (the limit an attacker meets first). */
  perAccountAddress: number;
  /** Failures for one account from anywhere (guessing from many addresses). */
  perAccount: number;
  /** Failures from one address for any accounts (trying many accounts). */
  perAddress: number;
}

/** Folio's limits: 10 failures per account and address, 50 per account, 100 per address, in 15 minutes. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60 * 1000,
  perAccountAddress: 10,
  perAccount: 50,
  perAddress: 100,
};

/** Why a sign-in was refused before its password was checked. */
export interface LoginRefusal {
  scope: 'account_address' | 'account' | 'address';
  retryAfterSeconds: number;
}

/** One attempt that counts as a failure unless it is refunded (it succeeded, or no password was checked). */
export interface LoginAttempt {
  refund(): void;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Counts failed sign-ins in fixed windows under three keys. An attempt counts from the moment it
 * starts, so a burst of simultaneous guesses meets the limit as a sequence would; a successful
 * one is refunded. Keys by account and address, so failures behind one shared address do not
 * lock other accounts out, with looser limits per account and per address on top.
 */
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts an attempt for `account` from `address`, or says why and how long to wait. */
  begin(account: string, address: string): LoginAttempt | LoginRefusal {
    const now = this.now();
    this.sweep(now);
    const name = account.normalize('NFC').toLowerCase();
    const keys: [LoginRefusal['scope'], string, number][] = [
      ['account_address', `a+i\0${name}\0${address}`, this.limits.perAccountAddress],
      ['account', `a\0${name}`, this.limits.perAccount],
      ['address', `i\0${address}`, this.limits.perAddress],
    ];
    for (const [scope, key, limit] of keys) {
      const window = this.windows.get(key);
      if (window && window.resetAt > now && window.count >= limit)
        return { scope, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    }
    const counted = keys.map(([, key]) => this.count(key, now));
    let refunded = false;
    return {
      refund: () => {
        if (refunded) return;
        refunded = true;
        for (const window of counted) window.count = Math.max(0, window.count - 1);
      },
    };
  }

  private count(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.limits.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window;
  }

  // Expired windows go once a minute, so the map holds at most one window's worth of keys.
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows)
      if (window.resetAt <= now || window.count === 0) this.windows.delete(key);
  }
}
