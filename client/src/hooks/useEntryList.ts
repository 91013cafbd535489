import { useInfiniteQuery } from '@tanstack/react-query';
import type { EntryFilters } from '../api/entryFilters.ts';
import { entryListQuery } from '../api/queries.ts';

/** Entries matching `filters`, page by page (see entryListQuery). */
export function useEntryList(filters: EntryFilters) {
  return useInfiniteQuery(entryListQuery(filters));
}
