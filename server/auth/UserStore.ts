import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { User } from '../../shared/api/contract.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const StoredUserSchema = z.object({
  username: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'editor']),
  passwordHash: z.string(),
});
type StoredUser = z.infer<typeof StoredUserSchema>;
const UsersFileSchema = z.object({ users: z.array(StoredUserSchema) });

/** Editors and their password hashes, kept in a JSON file outside the working tree. */
export class UserStore {
  private users: StoredUser[] = [];

  private constructor(private readonly file: string) {}

  /** Opens (or starts) the user file at `file`. */
  static async open(file: string): Promise<UserStore> {
    const store = new UserStore(file);
    try {
      store.users = UsersFileSchema.parse(JSON.parse(await readFile(file, 'utf8'))).users;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(
          `Cannot read the user file ${file}: ${(err as Error).message}. Fix or delete it.`,
          { cause: err },
        );
      }
    }
    return store;
  }

  /** True when no editor exists yet. */
  isEmpty(): boolean {
    return this.users.length === 0;
  }

  /** Finds an editor by name. */
  find(username: string): User | undefined {
    const found = this.users.find((u) => u.username === username);
    return found && toUser(found);
  }

  /** Adds or replaces an editor and saves the file atomically. */
  async upsert(user: User, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    this.users = [
      ...this.users.filter((u) => u.username !== user.username),
      { ...user, passwordHash },
    ];
    await this.save();
  }

  /** Returns the editor when the password matches; spends the same time when the user is unknown. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const found = this.users.find((u) => u.username === username);
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    return found && ok ? toUser(found) : null;
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ users: this.users }, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.file);
  }
}

// A valid hash of a random password, so that unknown users cost as much as wrong passwords.
const DUMMY_HASH = await hashPassword(Math.random().toString(36));

function toUser({ username, name, email, role }: StoredUser): User {
  return { username, name, email, role };
}
