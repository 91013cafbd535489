import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setUnauthenticatedHandler } from '../api/http.ts';
import { sessionQuery } from '../api/queries.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { noteSessionExpired } from '../lib/sessionEnd.ts';

/** The signed-in editor (null when signed out); any 401 anywhere signs the app out. */
export function useSession() {
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      // A 401 while signed in: the session ended (expired, or revoked), not the editor's choice.
      if (queryClient.getQueryData(queryKeys.session)) noteSessionExpired();
      queryClient.setQueryData(queryKeys.session, null);
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);
  return useQuery(sessionQuery);
}
