import { RateLimitedError } from '../errors.ts';
import { HashGate } from './hashGate.ts';
import {
  DEFAULT_LOGIN_LIMITS,
  LoginThrottle,
  type LoginLimits,
  type LoginRefusal,
} from './loginThrottle.ts';

const SCOPE_TEXT: Record<LoginRefusal['scope'], string> = {
  account_address: 'for this account from this address',
  account: 'for this account',
  address: 'from this address',
};

/** A password check's outcome as the check function reports it. */
export interface CheckOutcome<T> {
  /** The password was right (the attempt does not count as a failure). */
  ok: boolean;
  value: T;
}

/**
 * Runs password checks (sign-in, and the current password when changing it) behind the sign-in
 * throttle and the hash gate: throttled accounts and addresses are refused before any hashing,
 * failures count, successes are refunded, and a full queue answers 429 at once.
 */
export class PasswordCheck {
  private readonly throttle: LoginThrottle;
  private readonly hashes = new HashGate();

  constructor(limits: Partial<LoginLimits> = {}) {
    this.throttle = new LoginThrottle({ ...DEFAULT_LOGIN_LIMITS, ...limits });
  }

  /** Runs `check` for `account` from `address`; 429 `rate_limited` when throttled or too busy. */
  async run<T>(
    account: string,
    address: string,
    check: () => Promise<CheckOutcome<T>>,
  ): Promise<T> {
    const attempt = this.throttle.begin(account, address);
    if (!('refund' in attempt)) throw refused(attempt);
    const checking = this.hashes.tryRun(check);
    if (!checking) {
      attempt.refund(); // no password was checked: it is no failure
      throw new RateLimitedError(
        'Folio is checking too many sign-ins at once. Try again in a few seconds.',
        2,
      );
    }
    const outcome = await checking.catch((err: unknown) => {
      attempt.refund();
      throw err;
    });
    if (outcome.ok) attempt.refund(); // successful checks do not count
    return outcome.value;
  }
}

function refused({ scope, retryAfterSeconds }: LoginRefusal): RateLimitedError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new RateLimitedError(
    `Too many failed sign-ins ${SCOPE_TEXT[scope]}. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`,
    retryAfterSeconds,
  );
}
