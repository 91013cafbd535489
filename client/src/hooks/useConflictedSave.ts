import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConflictedSaveDetails } from '../../../shared/api/sync.ts';
import { isApiError } from '../api/ApiError.ts';
import { dropConflictedSave } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import type { EntryDoc } from '../lib/autosave.ts';
import { forgetResolved, markResolved } from '../lib/resolvedPosts.ts';

/** A conflicted save's post the editor opens on: the save as mine, the branch's version as theirs. */
export interface ConflictedOpening {
  save: ConflictedSaveDetails;
  yours: EntryDoc;
  /** The version the save started from (null: the save created the post). */
  base: EntryDoc | null;
}

/** Drops a conflicted save (its ref and list item); the header's sync word and the list follow. */
export function useDropConflictedSave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (commit: string) => {
      try {
        await dropConflictedSave(commit);
      } catch (err) {
        // Someone else dropped it meanwhile: what was asked for is done.
        if (!isApiError(err, 'not_found')) throw err;
      }
    },
    onSuccess: (_result, commit) => {
      forgetResolved(commit);
      void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
    },
  });
}

/** Where resolving one post of a conflicted save left the save. */
export type ResolutionState =
  { kind: 'dropped' } | { kind: 'more'; left: string[] } | { kind: 'failed'; error: unknown };

/**
 * For the editor opened on a conflicted save's post: once a save of the post lands, records it as
 * resolved and, when no other post of the save is left, drops the save.
 */
export function useConflictedSaveResolution(save: ConflictedSaveDetails | null) {
  const drop = useDropConflictedSave();
  const [state, setState] = useState<ResolutionState | null>(null);
  const resolved = async (id: string) => {
    if (!save) return;
    const done = markResolved(save.commit, id);
    const left = save.posts.map((p) => p.id).filter((p) => !done.has(p));
    if (left.length > 0) return setState({ kind: 'more', left });
    try {
      await drop.mutateAsync(save.commit);
      setState({ kind: 'dropped' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };
  const retry = () => (save ? resolved(save.posts[0]!.id) : undefined);
  return { state, resolved, retry, dropping: drop.isPending };
}
