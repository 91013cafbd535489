import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SessionInfo } from '../../../shared/api/contract.ts';
// can.ts, not the policy's index: roles.ts brings zod, which the list page's chunk leaves out.
import { can, type PolicyTarget } from '../../../shared/policy/can.ts';
import type { Permission } from '../../../shared/policy/permissions.ts';
import { sessionQuery } from '../api/queries.ts';

/** What the signed-in user may do, asked of the same policy the server enforces. */
export interface Access {
  session: SessionInfo | null;
  /** The role holds `permission` for at least some entries. */
  has: (permission: Permission) => boolean;
  /** The policy allows `permission` on `target` (an entry's own `can` is more precise). */
  can: (permission: Permission, target?: PolicyTarget) => boolean;
}

/** The signed-in user's permissions (from the session AppShell already holds; no refetch). */
export function useAccess(): Access {
  const session = useQuery({ ...sessionQuery, staleTime: Infinity }).data ?? null;
  return useMemo(
    () => ({
      session,
      has: (permission) => session?.permissions.includes(permission) ?? false,
      can: (permission, target) => session !== null && can(session.user, permission, target),
    }),
    [session],
  );
}
