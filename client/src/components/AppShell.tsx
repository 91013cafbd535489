import { Suspense } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../hooks/useSession.ts';
import { listRoute } from '../lib/listReturn.ts';
import { sessionExpired } from '../lib/sessionEnd.ts';
import { SignOutButton } from './SignOutButton.tsx';
import { ErrorState, Loading } from './StatusMessage.tsx';
import { SyncBadge } from './SyncBadge.tsx';

/** Layout of every signed-in page: header with navigation and sign-out; sends signed-out visitors to /login. */
export function AppShell() {
  const session = useSession();
  const location = useLocation();

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
    return (
      <Navigate
        to="/login"
        replace
        state={{ from: location.pathname + location.search, expired: sessionExpired() }}
      />
    );

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
          <NavLink to={listRoute()} end>
            Posts
          </NavLink>
          <NavLink to="/history">History</NavLink>
        </nav>
        <SyncBadge />
        <div className="user">
          <span className="user-name" title={session.data.email}>
            {session.data.name}
          </span>
          <SignOutButton username={session.data.username} />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
