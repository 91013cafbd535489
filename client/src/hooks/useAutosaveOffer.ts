import { useState } from 'react';
import { readDrafts, removeDraft, type AutosavedDraft, type EntryDoc } from '../lib/autosave.ts';
import { docEqual } from '../lib/entryDoc.ts';

/** The autosaved draft of `user` to offer back when the editor opens: the one on the current version first, else the newest. */
export function useAutosaveOffer(
  user: string | null,
  id: string,
  oid: string,
  saved: EntryDoc,
  /** True when the editor took the draft back already (after signing in again): nothing to offer. */
  taken = false,
) {
  const [offer, setOffer] = useState<AutosavedDraft | null>(() => {
    if (user === null || taken) return null;
    const drafts = readDrafts(user, id).filter((draft) => {
      if (!docEqual(draft.doc, saved)) return true;
      removeDraft(user, id, draft.baseOid); // identical to what is saved: nothing to offer
      return false;
    });
    return drafts.find((draft) => draft.baseOid === oid) ?? drafts[0] ?? null;
  });
  const discard = () => {
    if (offer && user !== null) removeDraft(user, id, offer.baseOid);
    setOffer(null);
  };
  return {
    offer,
    stale: offer !== null && offer.baseOid !== oid,
    discard,
    close: () => setOffer(null),
  };
}
