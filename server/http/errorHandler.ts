import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import {
  AppError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ValidationError,
} from '../errors.ts';
import { rewriteStrings } from './repoRelative.ts';

/**
 * Maps errors to `{ error: { code, message, details? } }`; unknown errors are logged and hidden.
 * `present` rewrites the texts a client sees (the app passes one that makes the repository's
 * absolute paths repository-relative).
 */
export function errorHandler(
  present: (text: string) => string = (text) => text,
): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    if (!appError) {
      console.error('Unexpected error:', err);
      res
        .status(500)
        .json({ error: { code: 'internal', message: 'Internal error: see the server log.' } });
      return;
    }
    const body: { code: string; message: string; details?: unknown } = {
      code: appError.code,
      message: present(appError.message),
    };
    if (appError.details !== undefined) body.details = rewriteStrings(appError.details, present);
    if (appError instanceof RateLimitedError && appError.retryAfterSeconds)
      res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json({ error: body });
  };
}

/** Answers 404 for API paths no route matched. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No API route for ${req.method} ${req.originalUrl}.`));
};

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) {
    return new ValidationError(describeZodError(err), {
      issues: err.issues.map(({ path, message }) => ({ path, message })),
    });
  }
  // body-parser errors carry a `type` and a status; map by type, never by message text.
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large')
    return new PayloadTooLargeError('Request body too large: send less than the limit.');
  if (type === 'entity.parse.failed') return new ValidationError('Request body is not valid JSON.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ValidationError('Unsupported body encoding: send UTF-8 JSON.');
  }
  return null;
}

/** One readable line from a zod error: "field: problem; other: problem". */
export function describeZodError(err: z.ZodError): string {
  const parts = err.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'body';
    return `${where}: ${issue.message}`;
  });
  return `Invalid request: ${parts.join('; ')}`;
}
