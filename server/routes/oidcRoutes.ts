import { Router, type Request, type Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { User } from '../../shared/api/contract.ts';
import type { SignInProviders } from '../../shared/api/signInProviders.ts';
import { signInExternal } from '../auth/oidc/oidcAccounts.ts';
import { OidcSignInError, type OidcClient } from '../auth/oidc/OidcClient.ts';
import { PENDING_LOGIN_MS } from '../auth/oidc/PendingLogins.ts';
import { clientAddress } from '../http/audit.ts';
import { permit } from '../http/permit.ts';
import { beginSession, type SessionAuth } from '../http/session.ts';
import type { FolioLogger } from '../logger.ts';

/** What the identity-provider routes need. */
export interface OidcRouteDeps extends SessionAuth {
  logger: FolioLogger;
  /** Null when no provider is configured. */
  oidc: OidcClient | null;
}

/** Cookie holding the opaque id of a sign-in under way at the provider. */
export const PENDING_COOKIE = 'folio_oidc';
const CALLBACK_PATH = '/api/session/oidc/callback';
const PENDING_COOKIE_OPTIONS = {
  httpOnly: true,
  // Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it.
  sameSite: 'lax',
  path: CALLBACK_PATH,
} as const;

function redirectUrlOf(req: Request, oidc: OidcClient): string {
  // Without a configured one, this server's own address (the host check vouches for the Host).
  return oidc.settings.redirectUrl ?? `${req.protocol}://${req.get('host')}${CALLBACK_PATH}`;
}

function toLogin(res: Response, code: string): void {
  res.redirect(303, `/login?error=${encodeURIComponent(code)}`);
}

/**
 * GET /api/session/providers (what the login page offers besides a password) and the OpenID
 * Connect flow: GET /api/session/oidc/start sends the browser to the provider, GET
 * /api/session/oidc/callback verifies its answer, finds or creates the user and starts a
 * session as a password sign-in does. Failures go back to `/login?error=<code>`.
 */
export function oidcRoutes(deps: OidcRouteDeps): Router {
  const { oidc, logger } = deps;
  const router = Router();
  const signIn = (req: Request, result: string, user?: User, reason?: string) =>
    logger.info(
      {
        event: 'sign-in',
        method: 'oidc',
        user: user?.username ?? null,
        role: user?.role ?? null,
        result,
        reason: reason ?? null,
        address: clientAddress(req),
      },
      'sign-in',
    );

  router.get('/session/providers', permit('public'), (_req, res) => {
    const answer: SignInProviders = {
      providers: oidc
        ? [{ id: 'oidc', name: oidc.settings.name, startUrl: '/api/session/oidc/start' }]
        : [],
    };
    res.json(answer);
  });

  router.get('/session/oidc/start', permit('public'), async (req, res) => {
    if (!oidc) return toLogin(res, 'oidc_not_configured');
    try {
      const { url, pendingId } = await oidc.start(redirectUrlOf(req, oidc));
      res.cookie(PENDING_COOKIE, pendingId, {
        ...PENDING_COOKIE_OPTIONS,
        secure: req.secure,
        maxAge: PENDING_LOGIN_MS,
      });
      res.redirect(303, url.href);
    } catch (err) {
      if (!(err instanceof OidcSignInError)) throw err;
      signIn(req, err.code, undefined, err.message);
      toLogin(res, err.code);
    }
  });

  router.get('/session/oidc/callback', permit('public'), async (req, res) => {
    if (!oidc) return toLogin(res, 'oidc_not_configured');
    const header = req.get('cookie');
    const pendingId = header ? parseCookie(header)[PENDING_COOKIE] : undefined;
    res.clearCookie(PENDING_COOKIE, { ...PENDING_COOKIE_OPTIONS, secure: req.secure });
    try {
      const query = new URL(req.originalUrl, 'http://folio.invalid').searchParams;
      const identity = await oidc.finish(pendingId, query);
      const { user, stamp, created } = await signInExternal(deps.users, oidc.settings, identity);
      await beginSession(req, res, deps, user, stamp);
      res.locals.user = user;
      signIn(req, created ? 'ok-created' : 'ok', user);
      res.redirect(303, '/');
    } catch (err) {
      if (!(err instanceof OidcSignInError)) throw err;
      // The message names what failed, never a token, code or claim value.
      signIn(req, err.code, undefined, err.message);
      toLogin(res, err.code);
    }
  });
  return router;
}
