import { ApiError } from '../api/ApiError.ts';

/** The request field a 400 is about (`details.field`, or the first zod issue's path), if any. */
export function errorField(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const details = err.details as
    { field?: unknown; issues?: { path?: unknown[] }[] } | null | undefined;
  if (typeof details?.field === 'string') return details.field;
  const first = details?.issues?.[0]?.path?.[0];
  return typeof first === 'string' ? first : null;
}
