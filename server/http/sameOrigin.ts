import type { NextFunction, Request, RequestHandler } from 'express';
import { ForbiddenError, ValidationError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rejects cross-site mutating requests (CSRF): a browser names the requesting site in
 * Sec-Fetch-Site and Origin; requests without either come from non-browser clients. An Origin
 * is ours when it names the host the request was sent to, or is the configured public URL's
 * (a proxy may pass another Host on).
 */
export function sameOriginOnly(publicOrigin: string | null = null): RequestHandler {
  return (req, _res, next) => checkOrigin(req, publicOrigin, next);
}

function checkOrigin(req: Request, publicOrigin: string | null, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    return next(
      new ForbiddenError(
        `Cross-site request refused (Sec-Fetch-Site: ${site}). Use Folio from its own address.`,
      ),
    );
  }
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return next(new ForbiddenError('Malformed Origin header.'));
    }
    if (originHost !== req.host && origin !== publicOrigin) {
      return next(
        new ForbiddenError(
          `Cross-origin request from ${origin} refused. Use Folio from its own address.`,
        ),
      );
    }
  } else if (origin === 'null') {
    return next(new ForbiddenError('Request from an opaque origin refused.'));
  }
  next();
}

/** Mutating requests that carry a body must send it as JSON (a form post cannot). */
export const jsonBodyOnly: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.method === 'DELETE') return next();
  const hasBody =
    Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    return next(
      new ValidationError('Send the request body as JSON (Content-Type: application/json).'),
    );
  }
  next();
};
