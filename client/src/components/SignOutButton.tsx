import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api/ApiError.ts';
import { logout } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { clearDrafts, draftEntryIds } from '../lib/autosave.ts';
import { noteSignedOut, unsavedTitles } from '../lib/sessionEnd.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

/** "Sign out": asks first when edits are not committed (they are removed from this browser at sign-out). */
export function SignOutButton({ username }: { username: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [unsaved, setUnsaved] = useState<string[] | null>(null);
  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      // Unsaved drafts stay on this browser only for the editor who made them, until sign-out.
      clearDrafts(username);
      noteSignedOut();
      setUnsaved(null);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
      void navigate('/login', { replace: true });
    },
  });
  const handleClick = () => {
    const open = unsavedTitles();
    const kept = draftEntryIds(username).length;
    if (open.length === 0 && kept === 0) signOut.mutate();
    else setUnsaved(open.length ? open : [`${kept} ${kept === 1 ? 'post' : 'posts'}`]);
  };
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        onClick={handleClick}
        disabled={signOut.isPending}
      >
        Sign out
      </button>
      {signOut.isError && (
        <p className="form-error" role="alert">
          Sign-out failed: {describeError(signOut.error)}
        </p>
      )}
      <ConfirmDialog
        open={unsaved !== null}
        title="Sign out with unsaved edits?"
        confirmLabel={signOut.isPending ? 'Signing out…' : 'Sign out and discard them'}
        cancelLabel="Stay signed in"
        busy={signOut.isPending}
        danger
        onConfirm={() => signOut.mutate()}
        onCancel={() => setUnsaved(null)}
      >
        <p>
          Your edits to {unsaved?.map((title) => `“${title}”`).join(', ')} are not committed. This
          browser keeps them only until you sign out, so that the next person here cannot see them.
          Save them first, or sign out and discard them.
        </p>
      </ConfirmDialog>
    </>
  );
}
