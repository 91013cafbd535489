import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { User } from '../../shared/api/contract.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { SessionStore } from '../auth/SessionStore.ts';
import type { UserStore } from '../auth/UserStore.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'folio_session';

/** The session token sent with a request, if any. */
export function readSessionToken(req: Request): string | undefined {
  const header = req.get('cookie');
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** Sets the session cookie: httpOnly, SameSite=Strict, Secure over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: 7 * 24 * 3600 * 1000,
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

/** The editor attached by requireSession. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** Lets a request through only with a live session; attaches the editor to res.locals.user. */
export function requireSession(sessions: SessionStore, users: UserStore): RequestHandler {
  return (req, res, next) => {
    const username = sessions.lookup(readSessionToken(req));
    const user = username ? users.find(username) : undefined;
    if (!user) return next(new UnauthenticatedError());
    res.locals.user = user;
    next();
  };
}
