import { useMemo } from 'react';
import type { Collection, FrontMatter } from '../../../shared/api/contract.ts';
import { validateChange } from '../../../shared/fields/validate.ts';
import type { FieldIssue } from '../../../shared/fields/types.ts';
import { isApiError } from '../api/ApiError.ts';

const isIssue = (item: unknown): item is FieldIssue =>
  typeof item === 'object' &&
  item !== null &&
  typeof (item as FieldIssue).path === 'string' &&
  typeof (item as FieldIssue).message === 'string';

const keyOf = (issue: FieldIssue) => `${issue.path}\u0000${issue.message}`;

/** The problems the form shows, and why Save waits (null: it does not). */
export interface FieldIssues {
  issues: FieldIssue[];
  blockedReason: string | null;
}

/**
 * What the edits break of the collection's declared fields, checked by the function the server
 * checks saves with (only keys the edit changes count), plus what the server said of the last
 * save (400 `invalid`). The form's own problems hold Save back; the server's are only shown, since
 * the next save asks it again.
 */
export function useFieldIssues(
  collection: Collection | undefined,
  saved: FrontMatter,
  draft: FrontMatter,
  saveError: unknown,
): FieldIssues {
  const local = useMemo(
    () => (collection?.declared ? validateChange(collection.fields, saved, draft) : []),
    [collection, saved, draft],
  );
  return useMemo(() => {
    const first = local[0];
    const more = local.length > 1 ? ` (and ${local.length - 1} more)` : '';
    const blockedReason = first ? `${first.message}${more} Fix it before saving.` : null;
    if (!isApiError(saveError, 'invalid') || !Array.isArray(saveError.details))
      return { issues: local, blockedReason };
    const seen = new Set(local.map(keyOf));
    const server = saveError.details.filter(isIssue).filter((issue) => !seen.has(keyOf(issue)));
    return { issues: [...local, ...server], blockedReason };
  }, [local, saveError]);
}
