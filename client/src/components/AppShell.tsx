import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { describeError } from '../api/ApiError.ts';
import { logout } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { useSession } from '../hooks/useSession.ts';
import { clearDrafts } from '../lib/autosave.ts';
import { ErrorState, Loading } from './StatusMessage.tsx';

/** Layout of every signed-in page: header with navigation and sign-out; sends signed-out visitors to /login. */
export function AppShell() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      // Unsaved drafts stay on this browser only for the editor who made them, until sign-out.
      if (session.data) clearDrafts(session.data.username);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
      void navigate('/login', { replace: true });
    },
  });

  if (session.isPending) return <Loading what="your session" />;
  if (session.isError)
    return (
      <ErrorState
        title="Folio could not check your session"
        error={session.error}
        onRetry={() => void session.refetch()}
      />
    );
  if (!session.data)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand" aria-label="Folio, all posts">
          <span className="brand-mark" aria-hidden="true">
            F
          </span>
          <span className="brand-name">Folio</span>
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Posts
          </NavLink>
          <NavLink to="/history">History</NavLink>
        </nav>
        <div className="user">
          <span className="user-name" title={session.data.email}>
            {session.data.name}
          </span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            Sign out
          </button>
        </div>
      </header>
      {signOut.isError && (
        <p className="form-error" role="alert">
          Sign-out failed: {describeError(signOut.error)}
        </p>
      )}
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
