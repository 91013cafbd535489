import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { EntryList, EntrySummary } from '../../../shared/api/contract.ts';
import { queryKeys } from './queryKeys.ts';

/** Applies `change` to the row `id` in every cached entry list (optimistic updates and their rollback). */
export function updateEntryInLists(
  queryClient: QueryClient,
  id: string,
  change: (row: EntrySummary) => EntrySummary,
): void {
  queryClient.setQueriesData<InfiniteData<EntryList>>(
    { queryKey: queryKeys.entriesAll },
    (data) => {
      if (!data) return data;
      let touched = false;
      const pages = data.pages.map((page) => {
        if (!page.items.some((row) => row.id === id)) return page;
        touched = true;
        return { ...page, items: page.items.map((row) => (row.id === id ? change(row) : row)) };
      });
      return touched ? { ...data, pages } : data;
    },
  );
}

/** Marks everything derived from the repository as stale after a commit; lists refetch on next view. */
export function invalidateAfterCommit(queryClient: QueryClient, id?: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.entriesAll, refetchType: 'none' });
  void queryClient.invalidateQueries({ queryKey: queryKeys.historyAll });
  void queryClient.invalidateQueries({ queryKey: queryKeys.collections, refetchType: 'none' });
  // The save went to the remote, or waits to: the header's sync word follows.
  void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
  if (id)
    void queryClient.invalidateQueries({ queryKey: queryKeys.entry(id), refetchType: 'none' });
}
