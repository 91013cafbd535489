import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { isApiError } from './api/ApiError.ts';
import { filtersFromParams } from './api/entryFilters.ts';
import { collectionsQuery, entryListQuery, sessionQuery } from './api/queries.ts';
import { router } from './router.tsx';
import './styles/base.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retrying a 4xx only repeats the same answer; retry network and server failures once.
      retry: (count, err) =>
        count < 1 && !(isApiError(err) && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

// Start the first page's requests now, in parallel, instead of after render and the session check.
void queryClient.prefetchQuery(sessionQuery);
if (window.location.pathname === '/') {
  void queryClient.prefetchQuery(collectionsQuery);
  void queryClient.prefetchInfiniteQuery(
    entryListQuery(filtersFromParams(new URLSearchParams(window.location.search))),
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
