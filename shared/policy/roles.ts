import { z } from 'zod';

/** Folio's roles, from the least to the most that may be done. */
export const ROLES = ['viewer', 'author', 'editor', 'admin'] as const;

/** Zod schema for a role name. */
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Position of a role in ROLES: a higher number may do more. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** What each role is for, in a few words (the CLI's help and the admin page show it). */
export const ROLE_SUMMARY: Record<Role, string> = {
  viewer: 'reads entries, history and diffs; changes nothing',
  author: 'writes drafts and edits or deletes their own drafts; cannot publish',
  editor: 'every content action, publishing and restoring included',
  admin: 'everything, plus users and settings',
};
