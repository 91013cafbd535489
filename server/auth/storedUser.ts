import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { User, UserRecord } from '../../shared/api/contract.ts';
import { RoleSchema } from '../../shared/policy/roles.ts';

/** A user as `users.json` keeps them. */
export const StoredUserSchema = z.object({
  username: z.string(),
  name: z.string(),
  email: z.string(),
  // Folio before roles had admins and editors only; a record without a role was the first admin.
  role: RoleSchema.default('admin'),
  /** Empty for users who sign in through an identity provider only. */
  passwordHash: z.string(),
  /** The identity provider's issuer and subject of a user who signs in through it. */
  identity: z.object({ issuer: z.string(), subject: z.string() }).optional(),
  /** Collections the user may change; absent: all. */
  collections: z.array(z.string()).optional(),
  disabled: z.boolean().optional(),
  mustChangePassword: z.boolean().optional(),
  /**
   * Changes whenever the user's sessions must end (password changed, role lowered, disabled,
   * "sign out everywhere"); a session is valid only while it carries the current stamp. A user
   * removed and added again gets a new one, so their old sessions stay dead.
   */
  sessionStamp: z.string().default(''),
  createdAt: z.string().nullable().default(null),
  lastSignInAt: z.string().nullable().default(null),
});
export type StoredUser = z.infer<typeof StoredUserSchema>;

/** The whole file: `{version, users}`; files from before version 2 had no version. */
export const UsersFileSchema = z.object({
  version: z.number().int().max(2).optional(),
  users: z.array(StoredUserSchema),
});
export type UsersFile = z.infer<typeof UsersFileSchema>;

/** Parses users.json (any version Folio wrote) into the current shape. */
export function parseUsersFile(raw: unknown): UsersFile {
  return { ...UsersFileSchema.parse(raw), version: 2 };
}

/** A fresh random session stamp. */
export function newStamp(): string {
  return randomBytes(12).toString('base64url');
}

/** The public part of a stored user. */
export function toUser(stored: StoredUser): User {
  const user: User = {
    username: stored.username,
    name: stored.name,
    email: stored.email,
    role: stored.role,
  };
  if (stored.collections) user.collections = [...stored.collections];
  return user;
}

/** A stored user as the user list shows them. */
export function toRecord(stored: StoredUser): UserRecord {
  return {
    ...toUser(stored),
    disabled: stored.disabled ?? false,
    mustChangePassword: stored.mustChangePassword ?? false,
    createdAt: stored.createdAt,
    lastSignInAt: stored.lastSignInAt,
    ...(stored.identity ? { viaProvider: true as const } : {}),
  };
}
