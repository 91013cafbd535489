import { lazy, Suspense } from 'react';
import { createBrowserRouter, Link } from 'react-router';
import { AppShell } from './components/AppShell.tsx';
import { EmptyState } from './components/StatusMessage.tsx';
import { usePageTitle } from './hooks/usePageTitle.ts';
import PostListPage from './pages/PostListPage.tsx';

// Split points: the Markdown editor and the diff views load only when opened, never with the list.
const EditorPage = lazy(() => import('./pages/EditorPage.tsx'));
const HistoryPage = lazy(() => import('./pages/HistoryPage.tsx'));
const CommitPage = lazy(() => import('./pages/CommitPage.tsx'));
const VersionPage = lazy(() => import('./pages/VersionPage.tsx'));
const ComparePage = lazy(() => import('./pages/ComparePage.tsx'));
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx'));
const MediaPage = lazy(() => import('./pages/MediaPage.tsx'));
const ConflictsPage = lazy(() => import('./pages/ConflictsPage.tsx'));
const SchemaPage = lazy(() => import('./pages/SchemaPage.tsx'));

function NotFound() {
  usePageTitle('Page not found');
  return (
    <EmptyState title="There is no page at this address">
      <p>
        <Link to="/">Go to the post list</Link>.
      </p>
    </EmptyState>
  );
}

/** The app's routes (a data router, so the editor can block navigation with unsaved edits). */
export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={null}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <AppShell />,
    children: [
      { index: true, element: <PostListPage /> },
      { path: 'edit/*', element: <EditorPage /> },
      { path: 'history', element: <HistoryPage /> },
      { path: 'history/*', element: <HistoryPage /> },
      { path: 'commits/:oid', element: <CommitPage /> },
      { path: 'versions/:commit/*', element: <VersionPage /> },
      { path: 'compare/:from/:to/*', element: <ComparePage /> },
      { path: 'media', element: <MediaPage /> },
      { path: 'sync/conflicts', element: <ConflictsPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'settings', element: <SchemaPage /> },
      { path: 'settings/schema', element: <SchemaPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
