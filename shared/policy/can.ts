import {
  GRANTS,
  PERMISSIONS,
  PERMISSION_ACTION,
  leastRoleFor,
  type GrantScope,
  type Permission,
} from './permissions.ts';
import type { Role } from './roles.ts';

/** Who asks: the fields of a user the policy looks at. */
export interface PolicyUser {
  username: string;
  name: string;
  role: Role;
  /** Collections this user may change; absent or null: every collection. Admins are never restricted. */
  collections?: readonly string[] | null;
}

/** What the policy needs to know about an entry. */
export interface EntryFacts {
  collection: string;
  /** The front matter's `draft` is true (Hugo also reads "true"). */
  draft: boolean;
  /** Names in the front matter's `authors` / `author`. */
  authors: readonly string[];
  /** Username of who created the entry in Folio, when known. */
  createdBy: string | null;
}

/** Why an action was denied. */
export type DenyReason = 'role' | 'collection' | 'not_own' | 'published';

/** A denied action: the missing permission, why, and a sentence for the person. */
export interface Denial {
  allowed: false;
  permission: Permission;
  reason: DenyReason;
  message: string;
}

/** The policy's answer. */
export type Decision = { allowed: true } | Denial;

/** What an action is about: an existing entry, or (for a create or a move target) a collection. */
export interface PolicyTarget {
  entry?: EntryFacts;
  collection?: string;
}

/** Per-entry permissions carried in entry answers, so that the UI can disable what is denied. */
export interface EntryPermissions {
  edit: boolean;
  publish: boolean;
  delete: boolean;
  move: boolean;
  restore: boolean;
}

const CONTENT_WRITES = new Set<Permission>([
  'entry.create',
  'entry.edit',
  'entry.publish',
  'entry.delete',
  'entry.move',
  'entry.restore',
]);

/** How far `user`'s role grants `permission` (null: not at all). */
export function scopeOf(user: PolicyUser, permission: Permission): GrantScope | null {
  return GRANTS[user.role]?.[permission] ?? null;
}

/** Every permission the user's role holds for at least some entries. */
export function permissionsOf(user: PolicyUser): Permission[] {
  return PERMISSIONS.filter((permission) => scopeOf(user, permission) !== null);
}

/** Decides whether `user` may do `permission` (on `target`, when given), with the reason when not. */
export function decide(
  user: PolicyUser,
  permission: Permission,
  target: PolicyTarget = {},
): Decision {
  const scope = scopeOf(user, permission);
  if (!scope) return deny(permission, 'role', roleMessage(user, permission));
  const collection = target.entry?.collection ?? target.collection;
  if (collection !== undefined && CONTENT_WRITES.has(permission) && !mayChange(user, collection))
    return deny(
      permission,
      'collection',
      `You may change entries only in ${(user.collections ?? []).map((c) => `"${c}"`).join(', ') || 'no collection'}, not in "${collection}" (missing permission: ${permission} in "${collection}").`,
    );
  if (scope === 'own' && target.entry) {
    if (!isOwnEntry(user, target.entry))
      return deny(
        permission,
        'not_own',
        `Authors may change only their own drafts, and this entry is someone else's: ask an editor (missing permission: ${permission}).`,
      );
    if (!target.entry.draft)
      return deny(
        permission,
        'published',
        `Authors cannot change a published entry: ask an editor (missing permission: ${permission}).`,
      );
  }
  return { allowed: true };
}

/** True when `user` may do `permission` (on `target`). */
export function can(user: PolicyUser, permission: Permission, target?: PolicyTarget): boolean {
  return decide(user, permission, target).allowed;
}

/** What `user` may do with one entry. */
export function entryPermissions(user: PolicyUser, entry: EntryFacts): EntryPermissions {
  const on = (permission: Permission) => can(user, permission, { entry });
  return {
    edit: on('entry.edit'),
    publish: on('entry.publish') && on('entry.edit'),
    delete: on('entry.delete'),
    move: on('entry.move'),
    restore: on('entry.restore'),
  };
}

/** True when the entry was created by `user` in Folio or its front matter names them as an author. */
export function isOwnEntry(user: PolicyUser, entry: EntryFacts): boolean {
  if (entry.createdBy !== null && entry.createdBy === user.username) return true;
  const names = new Set([fold(user.username), fold(user.name)].filter(Boolean));
  return entry.authors.some((author) => names.has(fold(author)));
}

/** True when `user` may change entries of `collection` (admins and unrestricted users: any). */
export function mayChange(user: PolicyUser, collection: string): boolean {
  if (user.role === 'admin' || !user.collections) return true;
  return user.collections.includes(collection);
}

function fold(text: string): string {
  return text.normalize('NFC').trim().toLowerCase();
}

function deny(permission: Permission, reason: DenyReason, message: string): Denial {
  return { allowed: false, permission, reason, message };
}

function roleMessage(user: PolicyUser, permission: Permission): string {
  const needed = leastRoleFor(permission);
  if (permission === 'entry.publish')
    return `Publishing needs the ${needed} role: ask an editor to publish (missing permission: ${permission}).`;
  const action = PERMISSION_ACTION[permission];
  return `${action} needs the ${needed} role; you are signed in as ${user.role === 'viewer' ? 'a' : 'an'} ${user.role} (missing permission: ${permission}).`;
}
