import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../policy/passwordRules.ts';
import { PERMISSIONS } from '../policy/permissions.ts';
import { RoleSchema } from '../policy/roles.ts';

/** A username: lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const UsernameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'use 1 to 64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** An email address (it becomes the commit author's email). */
export const EmailSchema = z.email('must be an email address such as ana@example.org').max(254);

/** A person's full name (the commit author's name). */
export const FullNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .refine((name) => !/[<>\n\r\0]/.test(name), 'must not contain <, > or line breaks');

/** Collections a user may change: names of collections; null means every collection. */
export const CollectionRestrictionSchema = z.array(z.string().min(1).max(200)).max(200).nullable();

/** A permission name of the policy. */
export const PermissionSchema = z.enum(PERMISSIONS);

/** The signed-in user (and the author of their commits). */
export const UserSchema = z.object({
  username: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  /** Collections the user may change; absent: every collection. */
  collections: z.array(z.string()).optional(),
});
export type User = z.infer<typeof UserSchema>;

/** A user as the admin's user list and the profile page show them. */
export const UserRecordSchema = UserSchema.extend({
  disabled: z.boolean(),
  /** Set after an admin reset the password: the user should choose a new one. */
  mustChangePassword: z.boolean(),
  createdAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  /** Set for a user created by signing in with the identity provider (who has no password here). */
  viaProvider: z.literal(true).optional(),
});
export type UserRecord = z.infer<typeof UserRecordSchema>;

/** POST /api/session body. */
export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** POST and GET /api/session answer: the user, what their role may do, and whether to ask for a new password. */
export const SessionInfoSchema = z.object({
  user: UserSchema,
  permissions: z.array(PermissionSchema),
  mustChangePassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** GET /api/users answer. */
export const UserListSchema = z.object({ items: z.array(UserRecordSchema) });
export type UserList = z.infer<typeof UserListSchema>;

/** POST /api/users body; without `password` Folio generates a one-time password and answers it. */
export const CreateUserRequestSchema = z.object({
  username: UsernameSchema,
  name: FullNameSchema,
  email: EmailSchema,
  role: RoleSchema,
  collections: CollectionRestrictionSchema.optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** POST /api/users answer (`password` only when Folio generated it: shown once). */
export const CreatedUserSchema = z.object({
  user: UserRecordSchema,
  password: z.string().optional(),
});
export type CreatedUser = z.infer<typeof CreatedUserSchema>;

/** PATCH /api/users/{username} body: any of these. */
export const UpdateUserRequestSchema = z
  .object({
    name: FullNameSchema.optional(),
    email: EmailSchema.optional(),
    role: RoleSchema.optional(),
    collections: CollectionRestrictionSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

/** Answer of PATCH /api/users/{username}, GET and PATCH /api/profile. */
export const UserAnswerSchema = z.object({ user: UserRecordSchema });
export type UserAnswer = z.infer<typeof UserAnswerSchema>;

/** POST /api/users/{username}/password-reset answer: a one-time password, shown once. */
export const PasswordResetSchema = z.object({ password: z.string() });
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** PATCH /api/profile body: your own name and email. */
export const UpdateProfileRequestSchema = z
  .object({ name: FullNameSchema.optional(), email: EmailSchema.optional() })
  .strict();
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequestSchema>;

/** POST /api/profile/password body. */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** Per-entry permissions in entry answers: what the signed-in user may do with this entry. */
export const EntryPermissionsSchema = z.object({
  edit: z.boolean(),
  publish: z.boolean(),
  delete: z.boolean(),
  move: z.boolean(),
  restore: z.boolean(),
});
