import type { Collection } from '../../../shared/api/contract.ts';

/** The collections the site's schema lets editors add entries to (not Decap's `create: false`). */
export function creatableCollections(collections: readonly Collection[]): Collection[] {
  return collections.filter((c) => c.canCreate !== false);
}

/** True when the site declares its schema and none of its collections takes new entries. */
export function noCollectionTakesNewEntries(collections: readonly Collection[]): boolean {
  return collections.some((c) => c.declared) && creatableCollections(collections).length === 0;
}
