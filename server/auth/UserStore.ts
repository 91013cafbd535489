import type { Role } from '../../shared/policy/roles.ts';
import { roleRank } from '../../shared/policy/roles.ts';
import type { User, UserRecord } from '../../shared/api/contract.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { LockedJsonFile } from './lockedJsonFile.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  newStamp,
  parseUsersFile,
  toRecord,
  toUser,
  type StoredUser,
  type UsersFile,
} from './storedUser.ts';

/** A new user's profile. */
export interface NewUser {
  username: string;
  name: string;
  email: string;
  role: Role;
  collections?: string[] | null;
}

/** Changes to a user; a field left out stays as it is. */
export interface UserChanges {
  name?: string;
  email?: string;
  role?: Role;
  collections?: string[] | null;
  disabled?: boolean;
}

/** The outcome of a sign-in's password check. */
export type Authentication =
  | { ok: true; user: User; stamp: string; mustChangePassword: boolean }
  | { ok: false; reason: 'wrong_password' | 'disabled' | 'external' };

/** Who an identity provider says a user is: its issuer and their subject there. */
export interface ExternalIdentity {
  issuer: string;
  subject: string;
}

/**
 * Users and their password hashes in `<git dir>/folio/users.json`, shared by the server and the
 * `folio user` commands: every read sees the other process's last write (the file is re-read
 * when its stat changes) and every write is a locked read-modify-write.
 */
export class UserStore {
  private readonly file: LockedJsonFile<UsersFile>;

  private constructor(path: string) {
    this.file = new LockedJsonFile(path, parseUsersFile, () => ({ version: 2, users: [] }));
  }

  /** Opens (or starts) the user file at `path`; a file Folio cannot read is an error naming it. */
  static async open(path: string): Promise<UserStore> {
    const store = new UserStore(path);
    store.file.read();
    return store;
  }

  /** True when no user exists yet. */
  isEmpty(): boolean {
    return this.file.read().users.length === 0;
  }

  /** A user by username (disabled ones too). */
  find(username: string): User | undefined {
    const found = this.stored(username);
    return found && toUser(found);
  }

  /** A user with the fields the user list shows. */
  get(username: string): UserRecord | undefined {
    const found = this.stored(username);
    return found && toRecord(found);
  }

  /** Every user, by username. */
  list(): UserRecord[] {
    return this.file
      .read()
      .users.map(toRecord)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /** The session stamp of an enabled user (null when the user is gone or disabled). */
  stampOf(username: string): string | null {
    const found = this.stored(username);
    return found && !found.disabled ? found.sessionStamp : null;
  }

  /** The username and disabled flag of the user with `identity`, if any. */
  findByIdentity(identity: ExternalIdentity): { username: string; disabled: boolean } | undefined {
    const found = this.file
      .read()
      .users.find(
        (u) => u.identity?.issuer === identity.issuer && u.identity.subject === identity.subject,
      );
    return found && { username: found.username, disabled: found.disabled ?? false };
  }

  /**
   * Adds a user who signs in through an identity provider (no password) under `user.username`,
   * or `<username>-2`, `-3`... when taken; returns the existing user when `identity` has one.
   */
  async addExternal(user: NewUser, identity: ExternalIdentity): Promise<UserRecord> {
    return this.file.update((data) => {
      const same = data.users.find(
        (u) => u.identity?.issuer === identity.issuer && u.identity.subject === identity.subject,
      );
      if (same) return toRecord(same); // a concurrent first sign-in made it
      const taken = new Set(data.users.map((u) => u.username));
      let username = user.username;
      for (let n = 2; taken.has(username); n++) username = `${user.username.slice(0, 60)}-${n}`;
      const stored: StoredUser = {
        username,
        name: user.name,
        email: user.email,
        role: user.role,
        passwordHash: '',
        identity: { ...identity },
        sessionStamp: newStamp(),
        createdAt: new Date().toISOString(),
        lastSignInAt: null,
      };
      data.users.push(stored);
      return toRecord(stored);
    });
  }

  /** Adds a user; 409 `exists` when the username is taken. */
  async add(user: NewUser, password: string, options: { mustChangePassword?: boolean } = {}) {
    const passwordHash = await hashPassword(password);
    return this.file.update((data) => {
      if (data.users.some((u) => u.username === user.username))
        throw new ConflictError(`A user "${user.username}" already exists.`, {
          reason: 'exists',
          username: user.username,
        });
      const stored: StoredUser = {
        username: user.username,
        name: user.name,
        email: user.email,
        role: user.role,
        passwordHash,
        sessionStamp: newStamp(),
        createdAt: new Date().toISOString(),
        lastSignInAt: null,
      };
      if (user.collections) stored.collections = [...user.collections];
      if (options.mustChangePassword) stored.mustChangePassword = true;
      data.users.push(stored);
      return toRecord(stored);
    });
  }

  /** Adds or replaces a user's profile and password, keeping their sessions (tests and set-up). */
  async upsert(user: User, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.file.update((data) => {
      const old = data.users.find((u) => u.username === user.username);
      const stored: StoredUser = {
        ...old,
        ...user,
        passwordHash,
        sessionStamp: old?.sessionStamp || newStamp(),
        createdAt: old?.createdAt ?? new Date().toISOString(),
        lastSignInAt: old?.lastSignInAt ?? null,
      };
      if (!user.collections) delete stored.collections;
      delete stored.mustChangePassword;
      data.users = [...data.users.filter((u) => u.username !== user.username), stored];
    });
  }

  /**
   * Changes a user's profile, role, collections or disabled flag. Lowering the role, narrowing
   * the collections or disabling ends their sessions. The last enabled admin cannot be lowered
   * or disabled (409 `last_admin`).
   */
  async update(username: string, changes: UserChanges): Promise<UserRecord> {
    return this.file.update((data) => {
      const hadAdmin = hasAdmin(data);
      const user = requireUser(data, username);
      const before = { ...user };
      if (changes.name !== undefined) user.name = changes.name;
      if (changes.email !== undefined) user.email = changes.email;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.collections !== undefined) {
        if (changes.collections === null) delete user.collections;
        else user.collections = [...new Set(changes.collections)];
      }
      if (changes.disabled !== undefined) {
        if (changes.disabled) user.disabled = true;
        else delete user.disabled;
      }
      requireAnAdmin(hadAdmin, data, username);
      if (loses(before, user)) user.sessionStamp = newStamp();
      return toRecord(user);
    });
  }

  /** Sets a new password and ends every session of the user; `mustChangePassword` marks a one-time one. */
  async setPassword(
    username: string,
    password: string,
    options: { mustChangePassword?: boolean } = {},
  ): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.file.update((data) => {
      const user = requireUser(data, username);
      user.passwordHash = passwordHash;
      user.sessionStamp = newStamp();
      if (options.mustChangePassword) user.mustChangePassword = true;
      else delete user.mustChangePassword;
    });
  }

  /** Ends every session of the user ("sign out everywhere"). */
  async endSessions(username: string): Promise<void> {
    await this.file.update((data) => {
      requireUser(data, username).sessionStamp = newStamp();
    });
  }

  /** Removes a user (their sessions end with them); the last enabled admin stays (409 `last_admin`). */
  async remove(username: string): Promise<void> {
    await this.file.update((data) => {
      const hadAdmin = hasAdmin(data);
      requireUser(data, username);
      data.users = data.users.filter((u) => u.username !== username);
      requireAnAdmin(hadAdmin, data, username);
    });
  }

  /** Records a successful sign-in's time. */
  async recordSignIn(username: string, at = new Date()): Promise<void> {
    await this.file.update((data) => {
      const user = data.users.find((u) => u.username === username);
      if (user) user.lastSignInAt = at.toISOString();
    });
  }

  /** True when `password` is the user's; spends the same time when the user is unknown. */
  async verify(username: string, password: string): Promise<boolean> {
    const found = this.stored(username);
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    return !!found && ok;
  }

  /** Checks a sign-in: the user and their session stamp, or why not (unknown users cost as much as wrong passwords). */
  async authenticate(username: string, password: string): Promise<Authentication> {
    if (!(await this.verify(username, password))) {
      const found = this.stored(username);
      const external = found?.identity && !found.passwordHash;
      return { ok: false, reason: external ? 'external' : 'wrong_password' };
    }
    const found = this.stored(username);
    if (!found) return { ok: false, reason: 'wrong_password' }; // removed while hashing
    if (found.disabled) return { ok: false, reason: 'disabled' };
    return {
      ok: true,
      user: toUser(found),
      stamp: found.sessionStamp,
      mustChangePassword: found.mustChangePassword ?? false,
    };
  }

  private stored(username: string): StoredUser | undefined {
    return this.file.read().users.find((u) => u.username === username);
  }
}

// A valid hash of a random password, so that unknown users cost as much as wrong passwords.
const DUMMY_HASH = await hashPassword(Math.random().toString(36));

function requireUser(data: UsersFile, username: string): StoredUser {
  const user = data.users.find((u) => u.username === username);
  if (!user) throw new NotFoundError(`No user "${username}".`);
  return user;
}

function hasAdmin(data: UsersFile): boolean {
  return data.users.some((u) => u.role === 'admin' && !u.disabled);
}

// A change may not leave users without an enabled admin when they had one.
function requireAnAdmin(hadAdmin: boolean, data: UsersFile, changed: string): void {
  if (hadAdmin && !hasAdmin(data))
    throw new ConflictError(
      `"${changed}" is the last admin: make another user an admin first, so that someone can still manage users.`,
      { reason: 'last_admin', username: changed },
    );
}

// True when the change takes something away, so that sessions opened with more must end.
function loses(before: StoredUser, after: StoredUser): boolean {
  if (roleRank(after.role) < roleRank(before.role)) return true;
  if (after.disabled && !before.disabled) return true;
  if (!after.collections) return false;
  return !before.collections || before.collections.some((c) => !after.collections!.includes(c));
}
