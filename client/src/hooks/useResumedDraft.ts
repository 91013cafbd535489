import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { readDrafts, type AutosavedDraft } from '../lib/autosave.ts';

/**
 * The draft to take back at once when the editor returns from signing in again after their session
 * ended (the sign-in page navigates back with `state.resumeDraft`): `user`'s draft of `id` made on
 * the version `oid` that is current. Null otherwise, and for a draft on an older version (that one
 * is offered with its differences as usual). The state is cleared so a reload does not repeat it.
 */
export function useResumedDraft(user: string | null, id: string, oid: string) {
  const location = useLocation();
  const navigate = useNavigate();
  const requested = (location.state as { resumeDraft?: unknown } | null)?.resumeDraft === true;
  const [draft] = useState<AutosavedDraft | null>(() =>
    requested && user !== null
      ? (readDrafts(user, id).find((d) => d.baseOid === oid) ?? null)
      : null,
  );
  useEffect(() => {
    if (requested)
      void navigate(location.pathname + location.search, { replace: true, state: null });
  }, [requested, navigate, location.pathname, location.search]);
  return draft;
}
