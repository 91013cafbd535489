import { useQuery } from '@tanstack/react-query';
import { collectionsQuery } from '../api/queries.ts';

/** The site's collections and their fields. */
export function useCollections() {
  return useQuery(collectionsQuery);
}
