import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { LoginRequestSchema } from '../../shared/api/contract.ts';
import { RateLimitedError, UnauthenticatedError } from '../errors.ts';
import type { SessionStore } from '../auth/SessionStore.ts';
import type { UserStore } from '../auth/UserStore.ts';
import {
  clearSessionCookie,
  readSessionToken,
  requireSession,
  setSessionCookie,
} from '../http/session.ts';

/** POST/GET/DELETE /api/session: sign in, who am I, sign out. */
export function sessionRoutes(sessions: SessionStore, users: UserStore): Router {
  const router = Router();
  // Failed sign-ins per client address; successful ones do not count.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(
        new RateLimitedError(
          'Too many failed sign-ins from this address. Wait 15 minutes, then try again.',
        ),
      ),
  });
  router.post('/session', loginLimiter, async (req, res) => {
    const { username, password } = LoginRequestSchema.parse(req.body);
    const user = await users.authenticate(username, password);
    if (!user) throw new UnauthenticatedError('Wrong username or password.');
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
