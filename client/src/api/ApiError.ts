import type { ErrorCode } from '../../../shared/api/errors.ts';

/** Codes the client adds for failures that never reached the API's error handler. */
export type ClientErrorCode = ErrorCode | 'network' | 'bad_response';

/** An error answer of the API (or a network/shape failure), with its stable code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ClientErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** True when `err` is an ApiError with one of `codes`. */
export function isApiError(err: unknown, ...codes: ClientErrorCode[]): err is ApiError {
  return err instanceof ApiError && (codes.length === 0 || codes.includes(err.code));
}

/** A sentence for the user: what happened and, where it helps, what to do. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'network':
        return 'Folio could not reach the server. Check that it is running and your connection, then try again.';
      case 'unauthenticated':
        return 'Your session has ended. Sign in again.';
      case 'bad_response':
        return `The server answered in an unexpected shape (${err.message}). Reload the page; if it persists, report it.`;
      default:
        return err.message;
    }
  }
  return err instanceof Error ? err.message : String(err);
}
