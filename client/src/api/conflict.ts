import { EntrySchema, type Entry } from '../../../shared/api/contract.ts';
import { isApiError } from './ApiError.ts';
import { getEntry } from './endpoints.ts';

/** True for a 409 that says "someone saved a newer version" (other 409s, such as a locked repository, are plain errors). */
export function isStaleConflict(err: unknown): boolean {
  if (!isApiError(err, 'conflict')) return false;
  const reason = (err.details as { reason?: unknown } | null | undefined)?.reason;
  return reason === undefined || reason === 'stale';
}

/** The version that won a 409: from the error's details when they carry it, else read fresh from the server. */
export async function currentVersionAfterConflict(err: unknown, id: string): Promise<Entry> {
  const details = (isApiError(err) ? err.details : undefined) as
    { current?: unknown } | null | undefined;
  const parsed = EntrySchema.safeParse(details?.current);
  return parsed.success ? parsed.data : getEntry(id);
}

/** True for a 409 that says the working tree has someone's uncommitted edit of entry `id` (made outside Folio). */
export function isOutsideEdit(err: unknown, id: string): boolean {
  if (!isApiError(err, 'conflict')) return false;
  const details = err.details as
    { reason?: unknown; files?: { path?: unknown }[] } | null | undefined;
  return (
    details?.reason === 'uncommitted_changes' &&
    (details.files ?? []).some((file) => file.path === id)
  );
}
