import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { WriteResult } from '../../../shared/api/contract.ts';
import { describeError } from '../api/ApiError.ts';
import { restoreEntry } from '../api/endpoints.ts';
import { useCollections } from '../hooks/useCollections.ts';
import { collectionOfEntry } from '../lib/entryCollection.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { shortOid } from '../lib/format.ts';
import { commitRoute, editorRoute } from '../lib/routes.ts';
import { useAccess } from '../hooks/useAccess.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

/** Props of RestoreButton. */
export interface RestoreButtonProps {
  id: string;
  commit: string;
  /** Short description of the version, for the button's accessible name. */
  label?: string;
  /** The button's text (default "Restore this version"). */
  text?: string;
  /** Called once restored, for a page that shows the result itself (this button may go away). */
  onRestored?: (result: WriteResult) => void;
}

/** "Restore this version" with a confirmation; the restore is a new commit, so nothing is lost. */
export function RestoreButton({
  id,
  commit,
  label,
  text = 'Restore this version',
  onRestored,
}: RestoreButtonProps) {
  const [asking, setAsking] = useState(false);
  const queryClient = useQueryClient();
  const access = useAccess();
  const collections = useCollections().data ?? [];
  const collection = collectionOfEntry(collections, id);
  // An editor kept to some collections does not see Restore on the others' posts either.
  const allowed = access.can('entry.restore', collection === null ? undefined : { collection });
  const restore = useMutation({
    mutationFn: () => restoreEntry(id, commit),
    onSuccess: (result) => {
      setAsking(false);
      onRestored?.(result);
      invalidateAfterCommit(queryClient, id);
    },
  });
  // Restoring is an editor's (entry.restore), in their collections: others do not see the button.
  if (!allowed) return null;
  return (
    <span className="restore">
      <button
        type="button"
        className="button button-small"
        aria-label={`Restore ${label ?? id} to commit ${shortOid(commit)}`}
        onClick={() => setAsking(true)}
      >
        {text}
      </button>
      {restore.isSuccess && (
        <span role="status" className="restore-result">
          {restore.data.changed && restore.data.commit ? (
            <>
              Restored in{' '}
              <Link to={commitRoute(restore.data.commit, id)}>
                commit {shortOid(restore.data.commit)}
              </Link>
              . <Link to={editorRoute(restore.data.id)}>Open the post</Link>
            </>
          ) : (
            'The post already is this version: nothing to restore.'
          )}
        </span>
      )}
      <ConfirmDialog
        open={asking}
        title="Restore this version?"
        confirmLabel={restore.isPending ? 'Restoring…' : 'Restore'}
        busy={restore.isPending}
        onConfirm={() => restore.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p>
          <code>{id}</code> goes back to how it was in commit <code>{shortOid(commit)}</code>. Folio
          records this as a new commit, so the current version stays in the history and can be
          restored too.
        </p>
        {restore.isError && (
          <p className="form-error" role="alert">
            Could not restore: {describeError(restore.error)}
          </p>
        )}
      </ConfirmDialog>
    </span>
  );
}
