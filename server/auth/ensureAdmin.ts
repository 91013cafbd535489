import { generatePassword } from './passwords.ts';
import type { UserStore } from './UserStore.ts';

/** The first admin, and the password to print when Folio chose it. */
export interface AdminInfo {
  username: string;
  password: string | null;
  fromEnv: boolean;
}

/**
 * Makes sure an admin exists. FOLIO_ADMIN_PASSWORD sets (or resets) the `admin` user's password
 * (an unchanged password leaves its sessions alone); without it, a repository with no users gets
 * an `admin` with a generated password, printed once.
 */
export async function ensureAdmin(
  users: UserStore,
  envPassword: string | null,
): Promise<AdminInfo> {
  const username = 'admin';
  const profile = {
    username,
    name: 'Admin',
    email: 'admin@localhost',
    role: 'admin' as const,
  };
  if (envPassword) {
    if (!users.find(username)) await users.add(profile, envPassword);
    else if (!(await users.verify(username, envPassword)))
      await users.setPassword(username, envPassword);
    return { username, password: null, fromEnv: true };
  }
  if (users.isEmpty()) {
    const password = generatePassword();
    await users.add(profile, password);
    return { username, password, fromEnv: false };
  }
  return { username, password: null, fromEnv: false };
}
