import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { SessionInfo, UserRecord } from '../../../shared/api/contract.ts';
import { ROLE_SUMMARY } from '../../../shared/policy/roles.ts';
import { describeError } from '../api/ApiError.ts';
import { getProfile, signOutEverywhere } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { PasswordForm } from '../components/PasswordForm.tsx';
import { ProfileForm } from '../components/ProfileForm.tsx';
import { describeCollections } from '../components/CollectionsPicker.tsx';
import { ErrorState, Loading } from '../components/StatusMessage.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { clearDrafts, draftEntryIds } from '../lib/autosave.ts';
import { noteSignedOut } from '../lib/sessionEnd.ts';
import '../styles/accounts.css';

/** Everyone's own page (/profile): name and email, password, sign out everywhere. */
export default function ProfilePage() {
  usePageTitle('Your profile');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { session } = useAccess();
  const forced = session?.mustChangePassword ?? false;
  const profile = useQuery({ queryKey: queryKeys.profile, queryFn: getProfile });
  const [asking, setAsking] = useState(false);
  // Read when the dialog opens: the drafts this sign-out removes from this browser.
  const keptHere = asking && session ? draftEntryIds(session.user.username).length : 0;
  const everywhere = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: () => {
      if (session) clearDrafts(session.user.username);
      noteSignedOut();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
      void navigate('/login', { replace: true });
    },
  });
  const patchSession = (change: (info: SessionInfo) => SessionInfo) =>
    queryClient.setQueryData<SessionInfo | null>(queryKeys.session, (info) =>
      info ? change(info) : info,
    );
  const handleSaved = (user: UserRecord) => {
    queryClient.setQueryData(queryKeys.profile, { user });
    patchSession((info) => ({
      ...info,
      user: { ...info.user, name: user.name, email: user.email },
    }));
  };
  const handlePasswordChanged = () => {
    patchSession((info) => ({ ...info, mustChangePassword: false }));
    void queryClient.invalidateQueries({ queryKey: queryKeys.profile });
  };

  if (profile.isPending) return <Loading what="your profile" />;
  if (profile.isError)
    return (
      <ErrorState
        title="Your profile could not be loaded"
        error={profile.error}
        onRetry={() => void profile.refetch()}
      />
    );
  const { user } = profile.data;
  const passwordForm = (
    <PasswordForm
      owner={{ username: user.username, email: user.email }}
      forced={forced}
      onChanged={handlePasswordChanged}
    />
  );
  return (
    <div className="profile-page">
      <div className="page-head">
        <h1>Your profile</h1>
        <p className="page-sub">
          Signed in as <strong>{user.username}</strong>, {user.role === 'viewer' ? 'a' : 'an'}{' '}
          {user.role}: {ROLE_SUMMARY[user.role]}
          {user.collections && ` (in ${describeCollections(user.collections)})`}.
        </p>
      </div>
      {forced && (
        <p className="banner banner-warn" role="alert">
          You signed in with a one-time password. Choose your own password to go on: enter the
          one-time password as the current one.
        </p>
      )}
      <div className="profile-grid">
        {/* The password form keeps its place (and its "changed" note) when the forced change is done. */}
        {!forced && <ProfileForm user={user} onSaved={handleSaved} />}
        {passwordForm}
        <section className="card profile-card" aria-labelledby="profile-sessions">
          <h2 id="profile-sessions">Sessions</h2>
          <p className="field-help">
            Signed in on another computer, or lost a phone? This ends every session of yours, this
            one too; you sign in again here.
          </p>
          {everywhere.isError && (
            <p className="form-error" role="alert">
              {describeError(everywhere.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setAsking(true)}>
              Sign out everywhere
            </button>
          </div>
        </section>
      </div>
      <ConfirmDialog
        open={asking}
        title="Sign out everywhere?"
        confirmLabel={everywhere.isPending ? 'Signing out…' : 'Sign out everywhere'}
        busy={everywhere.isPending}
        danger
        onConfirm={() => everywhere.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p>
          Every browser signed in as {user.username} is signed out, this one too. Edits not yet
          saved in other browsers are kept there until they sign in again.
        </p>
        {keptHere > 0 && (
          <p>
            This browser’s unsaved edits to {keptHere} {keptHere === 1 ? 'post are' : 'posts are'}{' '}
            discarded: save them first to keep them.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
