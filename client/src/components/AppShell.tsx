import { Suspense, useRef, useState } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { ROUTE_FOCUS_ATTRIBUTE, useRouteFocus } from '../hooks/useRouteFocus.ts';
import { useSession } from '../hooks/useSession.ts';
import { listRoute } from '../lib/listReturn.ts';
import { sessionExpired } from '../lib/sessionEnd.ts';
import { SignOutButton } from './SignOutButton.tsx';
import { PAGE_SKIP_LINKS_ID } from './SkipToBody.tsx';
import { ErrorState, Loading } from './StatusMessage.tsx';
import { SyncBadge } from './SyncBadge.tsx';
import { ToastRegion } from './ToastRegion.tsx';

/** Layout of every signed-in page: header with navigation and sign-out; sends signed-out visitors to /login. */
export function AppShell() {
  const session = useSession();
  const location = useLocation();
  const arrival = useRef<HTMLParagraphElement>(null);
  const pageName = useRouteFocus(arrival);
  const [arrivalFocused, setArrivalFocused] = useState(false);

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
  const { user, permissions, mustChangePassword } = session.data;
  // A one-time password from an admin: choosing a new one comes before anything else.
  if (mustChangePassword && location.pathname !== '/profile')
    return <Navigate to="/profile" replace />;

  return (
    <div className="app">
      {/* Where the focus lands on arriving at another page: its name is read out, the first Tab
          reaches the page's own skip link. */}
      <p
        ref={arrival}
        className="visually-hidden"
        tabIndex={-1}
        {...{ [ROUTE_FOCUS_ATTRIBUTE]: '' }}
        // Live only while it has the focus: the name the page settles on once loaded is read too,
        // but a title changing under an editor's typing is not.
        aria-live={arrivalFocused ? 'polite' : 'off'}
        aria-atomic
        onFocus={() => setArrivalFocused(true)}
        onBlur={() => setArrivalFocused(false)}
      >
        {pageName}
      </p>
      <div id={PAGE_SKIP_LINKS_ID} />
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
          <NavLink to="/media">Media</NavLink>
          {permissions.includes('users.manage') && <NavLink to="/users">Users</NavLink>}
          {permissions.includes('settings.manage') && (
            <NavLink to="/settings/schema" title="Settings: the site's schema">
              Settings
            </NavLink>
          )}
        </nav>
        <SyncBadge />
        <div className="user">
          <NavLink
            to="/profile"
            className="user-name"
            title={`${user.email} (${user.role}): your profile`}
          >
            <span className="user-avatar" aria-hidden="true">
              {[...user.name.trim()][0]?.toUpperCase() ?? '?'}
            </span>
            <span className="user-label">{user.name}</span>
          </NavLink>
          <SignOutButton username={user.username} />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Outlet />
        </Suspense>
      </main>
      <ToastRegion />
    </div>
  );
}
