import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getSessionUser, listCollections, listEntries } from './endpoints.ts';
import type { EntryFilters } from './entryFilters.ts';
import { queryKeys } from './queryKeys.ts';

/** The signed-in user with their role's permissions, or null when signed out. */
export const sessionQuery = queryOptions({
  queryKey: queryKeys.session,
  queryFn: getSessionUser,
  staleTime: 5 * 60_000,
  retry: 1,
});

/** The site's collections and their fields (they change only with new keys, so a minute is fresh enough). */
export const collectionsQuery = queryOptions({
  queryKey: queryKeys.collections,
  queryFn: listCollections,
  staleTime: 60_000,
});

/** Entries matching `filters`, page by page through the server's cursor; the previous list stays while a new one loads. */
export const entryListQuery = (filters: EntryFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.entries(filters),
    queryFn: ({ pageParam, signal }) => listEntries(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    refetchOnWindowFocus: true,
  });
