import type { Role } from './roles.ts';

/** Every permission a route or a control can ask for. */
export const PERMISSIONS = [
  'content.read',
  'entry.create',
  'entry.edit',
  'entry.publish',
  'entry.delete',
  'entry.move',
  'entry.restore',
  'users.manage',
  'settings.manage',
  'profile.edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** How far a grant reaches: every entry, or only the user's own drafts. */
export type GrantScope = 'all' | 'own';

const READER = { 'content.read': 'all', 'profile.edit': 'all' } as const;
const CONTENT = {
  'entry.create': 'all',
  'entry.edit': 'all',
  'entry.publish': 'all',
  'entry.delete': 'all',
  'entry.move': 'all',
  'entry.restore': 'all',
} as const;

/** What each role is granted (a permission it lacks is absent). */
export const GRANTS: Record<Role, Partial<Record<Permission, GrantScope>>> = {
  viewer: READER,
  author: {
    ...READER,
    'entry.create': 'all', // created as drafts (the server sets draft: true)
    'entry.edit': 'own',
    'entry.delete': 'own',
    'entry.move': 'own',
  },
  editor: { ...READER, ...CONTENT },
  admin: { ...READER, ...CONTENT, 'users.manage': 'all', 'settings.manage': 'all' },
};

/** The least role that holds `permission` for every entry. */
export function leastRoleFor(permission: Permission): Role {
  if (permission === 'users.manage' || permission === 'settings.manage') return 'admin';
  if (permission === 'content.read' || permission === 'profile.edit') return 'viewer';
  if (permission === 'entry.create') return 'author';
  return 'editor';
}

/** What a permission lets one do, as the start of a sentence ("Publishing needs…"). */
export const PERMISSION_ACTION: Record<Permission, string> = {
  'content.read': 'Reading content',
  'entry.create': 'Creating entries',
  'entry.edit': 'Editing this entry',
  'entry.publish': 'Publishing',
  'entry.delete': 'Deleting this entry',
  'entry.move': 'Moving this entry',
  'entry.restore': 'Restoring an old version',
  'users.manage': 'Managing users',
  'settings.manage': 'Changing settings',
  'profile.edit': 'Changing your profile',
};
