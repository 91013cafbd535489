import { parseArgs } from 'node:util';
import { roleRank } from '../../shared/policy/roles.ts';
import {
  CliError,
  REPO_OPTIONS,
  noMoreArguments,
  openUsers,
  positional,
  type CliIo,
} from './cliSupport.ts';
import { validRole } from './userAdd.ts';

/** Usage of `user role`. */
export const USER_ROLE_USAGE = 'user role <username> <admin|editor|author|viewer> [--repo PATH]';

/** `folio user role`: changes a user's role; a lower role ends their sessions. */
export async function userRole(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPO_OPTIONS },
  });
  noMoreArguments(positionals, 2);
  const username = positional(positionals, 0, 'username');
  const role = validRole(positional(positionals, 1, 'role'));
  const users = await openUsers(values, io.env);
  const before = users.find(username);
  if (!before) throw new CliError(`No user "${username}".`);
  await users.update(username, { role });
  if (before.role === role) io.out(`${username} is already ${role}.`);
  else
    io.out(
      `${username} is now ${role} (was ${before.role})${roleRank(role) < roleRank(before.role) ? '; their sessions have ended' : ''}.`,
    );
}
