import { generatePassword } from './passwords.ts';
import type { UserStore } from './UserStore.ts';

/** The first admin, and the password to print when Folio chose it. */
export interface AdminInfo {
  username: string;
  password: string | null;
  fromEnv: boolean;
}

/**
 * Makes sure an admin exists. FOLIO_ADMIN_PASSWORD sets (or resets) the admin's password;
 * without it a first admin gets a generated password, printed once.
 */
export async function ensureAdmin(
  users: UserStore,
  envPassword: string | null,
): Promise<AdminInfo> {
  const username = 'admin';
  const existing = users.find(username);
  const profile = existing ?? {
    username,
    name: 'Admin',
    email: 'admin@localhost',
    role: 'admin' as const,
  };
  if (envPassword) {
    await users.upsert(profile, envPassword);
    return { username, password: null, fromEnv: true };
  }
  if (users.isEmpty()) {
    const password = generatePassword();
    await users.upsert(profile, password);
    return { username, password, fromEnv: false };
  }
  return { username, password: null, fromEnv: false };
}
