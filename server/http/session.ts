import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { User } from '../../shared/api/contract.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { SessionHandle, SessionStore } from '../auth/SessionStore.ts';
import type { UserStore } from '../auth/UserStore.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'folio_session';

/** The stores a session check reads. */
export interface SessionAuth {
  sessions: SessionStore;
  users: UserStore;
}

/** The session token sent with a request, if any. */
export function readSessionToken(req: Request): string | undefined {
  const header = req.get('cookie');
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** Sets the session cookie: httpOnly, SameSite=Strict, Secure when the request came over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
  });
}

/** Starts a session as every sign-in does: a fresh token (no session fixation), the sign-in time, the cookie. */
export async function beginSession(
  req: Request,
  res: Response,
  { sessions, users }: SessionAuth,
  user: User,
  stamp: string,
): Promise<void> {
  await sessions.destroy(readSessionToken(req));
  const token = await sessions.create(user.username, stamp);
  await users.recordSignIn(user.username);
  setSessionCookie(req, res, token, sessions.maxAgeMs);
}

/** The signed-in user of a request and their session, or null (no, expired or ended session; removed or disabled user). */
export function sessionOf(
  req: Request,
  { sessions, users }: SessionAuth,
): { user: User; session: SessionHandle } | null {
  const session = sessions.lookup(readSessionToken(req));
  const user = session ? users.find(session.username) : undefined;
  return session && user ? { user, session } : null;
}

/** The user attached by requireSession. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** The session attached by requireSession. */
export function currentSession(res: Response): SessionHandle {
  const session = res.locals.session as SessionHandle | undefined;
  if (!session) throw new UnauthenticatedError();
  return session;
}

/** Lets a request through only with a live session; attaches the user (read afresh) to res.locals. */
export function requireSession(auth: SessionAuth): RequestHandler {
  return (req, res, next) => {
    const found = sessionOf(req, auth);
    if (!found) return next(new UnauthenticatedError());
    res.locals.user = found.user;
    res.locals.session = found.session;
    next();
  };
}
