// First: this module starts the first page's requests as it is evaluated (see its comment).
import { earlyRequests } from './api/earlyRequests.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { isApiError } from './api/ApiError.ts';
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

// The first page's requests are already under way: the queries take their answers.
void queryClient.prefetchQuery({ ...sessionQuery, queryFn: () => earlyRequests.session });
const { list } = earlyRequests;
if (list) {
  void queryClient.prefetchQuery({ ...collectionsQuery, queryFn: () => list.collections });
  void queryClient.prefetchInfiniteQuery({
    ...entryListQuery(list.filters),
    queryFn: () => list.firstPage,
  });
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
