import type { Request, RequestHandler, Response } from 'express';
import type { User } from '../../shared/api/contract.ts';
import type { FolioLogger } from '../logger.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route tells the audit line about its write: the entry or user it touched, the commit it made. */
export interface AuditNote {
  entry?: string;
  target?: string;
  commit?: string | null;
}

/** Adds to the audit line of this request. */
export function noteAudit(res: Response, note: AuditNote): void {
  res.locals.audit = { ...(res.locals.audit as AuditNote | undefined), ...note };
}

/** Where a request came from (the proxy's client address with --trust-proxy). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '';
}

function outcome(status: number): string {
  if (status < 400) return 'ok';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  return status < 500 ? 'refused' : 'error';
}

/**
 * One audit line per request that changes something (sign-ins log their own, see
 * sessionRoutes): time, user, role, method, route, entry or target, status, outcome, commit,
 * address. Never a body, a header or a cookie.
 */
export function auditWrites(logger: FolioLogger): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || (req.method === 'POST' && req.path === '/session'))
      return next();
    res.on('finish', () => {
      const user = res.locals.user as User | undefined;
      const note = (res.locals.audit as AuditNote | undefined) ?? {};
      logger.info(
        {
          event: 'write',
          user: user?.username ?? null,
          role: user?.role ?? null,
          method: req.method,
          route: req.originalUrl.split('?')[0],
          entry: note.entry ?? null,
          target: note.target ?? null,
          status: res.statusCode,
          result: outcome(res.statusCode),
          commit: note.commit ?? null,
          address: clientAddress(req),
        },
        'write',
      );
    });
    next();
  };
}
