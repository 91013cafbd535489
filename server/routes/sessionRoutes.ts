import { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { LoginRequestSchema } from '../../shared/api/contract.ts';
import { RateLimitedError, UnauthenticatedError } from '../errors.ts';
import { HashGate } from '../auth/hashGate.ts';
import {
  DEFAULT_LOGIN_LIMITS,
  LoginThrottle,
  type LoginLimits,
  type LoginRefusal,
} from '../auth/loginThrottle.ts';
import type { SessionStore } from '../auth/SessionStore.ts';
import type { UserStore } from '../auth/UserStore.ts';
import {
  clearSessionCookie,
  readSessionToken,
  requireSession,
  setSessionCookie,
} from '../http/session.ts';

const SCOPE_TEXT: Record<LoginRefusal['scope'], string> = {
  account_address: 'for this account from this address',
  account: 'for this account',
  address: 'from this address',
};

function refused({ scope, retryAfterSeconds }: LoginRefusal): RateLimitedError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new RateLimitedError(
    `Too many failed sign-ins ${SCOPE_TEXT[scope]}. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`,
    retryAfterSeconds,
  );
}

/** POST/GET/DELETE /api/session: sign in, who am I, sign out. */
export function sessionRoutes(
  sessions: SessionStore,
  users: UserStore,
  limits: Partial<LoginLimits> = {},
): Router {
  const router = Router();
  const throttle = new LoginThrottle({ ...DEFAULT_LOGIN_LIMITS, ...limits });
  const hashes = new HashGate();
  router.post('/session', async (req, res) => {
    const { username, password } = LoginRequestSchema.parse(req.body);
    // req.ip is the socket's address unless --trust-proxy names the proxy in front; IPv6
    // clients are counted by their /56, which one of them usually holds whole.
    const attempt = throttle.begin(username, ipKeyGenerator(req.ip ?? ''));
    if (!('refund' in attempt)) throw refused(attempt);
    const checking = hashes.tryRun(() => users.authenticate(username, password));
    if (!checking) {
      attempt.refund(); // no password was checked: it is no failure
      throw new RateLimitedError(
        'Folio is checking too many sign-ins at once. Try again in a few seconds.',
        2,
      );
    }
    const user = await checking.catch((err: unknown) => {
      attempt.refund();
      throw err;
    });
    if (!user) throw new UnauthenticatedError('Wrong username or password.');
    attempt.refund(); // successful sign-ins do not count
    sessions.destroy(readSessionToken(req)); // a fresh token at every login: no session fixation
    setSessionCookie(req, res, sessions.create(user));
    res.json({ user });
  });
  router.get('/session', requireSession(sessions, users), (_req, res) => {
    res.json({ user: res.locals.user });
  });
  router.delete('/session', (req, res) => {
    sessions.destroy(readSessionToken(req));
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  return router;
}
