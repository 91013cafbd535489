import type { EntryFilters } from './entryFilters.ts';

/** TanStack Query keys, one place so invalidation cannot miss a spelling. */
export const queryKeys = {
  session: ['session'] as const,
  health: ['health'] as const,
  collections: ['collections'] as const,
  entriesAll: ['entries'] as const,
  entries: (filters: EntryFilters) => ['entries', filters] as const,
  entry: (id: string) => ['entry', id] as const,
  historyAll: ['history'] as const,
  entryHistory: (id: string) => ['history', 'entry', id] as const,
  siteHistory: (author?: string) => ['history', 'site', author ?? ''] as const,
  commit: (oid: string) => ['commit', oid] as const,
  sync: ['sync'] as const,
  conflictedSave: (commit: string) => ['sync', 'conflict', commit] as const,
  users: ['users'] as const,
  schema: ['schema'] as const,
  inferredSchema: ['schema', 'inferred'] as const,
  profile: ['profile'] as const,
};
