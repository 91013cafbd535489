import { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { LoginRequestSchema, type SessionInfo, type User } from '../../shared/api/contract.ts';
import { permissionsOf } from '../../shared/policy/can.ts';
import { RateLimitedError, UnauthenticatedError } from '../errors.ts';
import type { PasswordCheck } from '../auth/passwordCheck.ts';
import type { Authentication } from '../auth/UserStore.ts';
import { clientAddress } from '../http/audit.ts';
import { permit } from '../http/permit.ts';
import {
  beginSession,
  clearSessionCookie,
  currentUser,
  readSessionToken,
  requireSession,
  sessionOf,
  type SessionAuth,
} from '../http/session.ts';
import type { FolioLogger } from '../logger.ts';

/** What the session routes need. */
export interface SessionRouteDeps extends SessionAuth {
  logger: FolioLogger;
  passwordCheck: PasswordCheck;
}

/** The answer of the session routes: the user, their role's permissions, and whether to ask for a new password. */
export function sessionInfo(user: User, mustChangePassword: boolean): SessionInfo {
  return { user, permissions: permissionsOf(user), mustChangePassword };
}

/** The throttle's key for a request's address: IPv6 clients by their /56, which one of them usually holds whole. */
export function throttleAddress(address: string): string {
  return ipKeyGenerator(address);
}

/** POST/GET/DELETE /api/session (sign in, who am I, sign out) and POST /api/session/sign-out-everywhere. */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const { sessions, users, logger, passwordCheck } = deps;
  const router = Router();
  router.post('/session', permit('public'), async (req, res) => {
    const { username, password } = LoginRequestSchema.parse(req.body);
    const address = clientAddress(req);
    const signIn = (result: string, user?: User) =>
      logger.info(
        { event: 'sign-in', user: username, role: user?.role ?? null, result, address },
        'sign-in',
      );
    let auth: Authentication;
    try {
      // req.ip is the socket's address unless --trust-proxy names the proxy in front.
      auth = await passwordCheck.run(username, throttleAddress(address), async () => {
        const value = await users.authenticate(username, password);
        return { ok: value.ok, value };
      });
    } catch (err) {
      if (err instanceof RateLimitedError) signIn('throttled');
      throw err;
    }
    if (!auth.ok) {
      signIn(auth.reason);
      throw new UnauthenticatedError(
        auth.reason === 'disabled'
          ? 'This account is disabled: ask an admin of this Folio.'
          : auth.reason === 'external'
            ? 'This account signs in with the identity provider, not a password: use the "Sign in with" button.'
            : 'Wrong username or password.',
        // The sign-in page says why for these two (a wrong password is never told apart).
        auth.reason === 'disabled' || auth.reason === 'external'
          ? { reason: auth.reason }
          : undefined,
      );
    }
    await beginSession(req, res, deps, auth.user, auth.stamp);
    signIn('ok', auth.user);
    res.json(sessionInfo(auth.user, auth.mustChangePassword));
  });
  router.get('/session', requireSession(deps), permit('signed-in'), (_req, res) => {
    const user = currentUser(res);
    res.json(sessionInfo(user, users.get(user.username)?.mustChangePassword ?? false));
  });
  router.delete('/session', permit('public'), async (req, res) => {
    const found = sessionOf(req, deps);
    if (found) res.locals.user = found.user; // for the audit line
    await sessions.destroy(readSessionToken(req));
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  router.post(
    '/session/sign-out-everywhere',
    requireSession(deps),
    permit('signed-in'),
    async (req, res) => {
      const { username } = currentUser(res);
      await users.endSessions(username); // other processes see the new stamp
      await sessions.destroyUser(username);
      clearSessionCookie(req, res);
      res.status(204).end();
    },
  );
  return router;
}
