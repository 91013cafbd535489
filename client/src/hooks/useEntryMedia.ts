import { createContext, useContext } from 'react';

/** The open entry, for image fields: their previews resolve against it and the picker inserts for it. */
export interface EntryMedia {
  entryId: string;
  /** May upload, rename and delete in the picker. */
  canChange: boolean;
}

/** Provided by the entry editor around its form and body. */
export const EntryMediaContext = createContext<EntryMedia | null>(null);

/** The open entry's media settings, or null outside an entry editor. */
export function useEntryMedia(): EntryMedia | null {
  return useContext(EntryMediaContext);
}
