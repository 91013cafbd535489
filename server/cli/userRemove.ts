import { parseArgs } from 'node:util';
import {
  CliError,
  REPO_OPTIONS,
  noMoreArguments,
  openUsers,
  positional,
  type CliIo,
} from './cliSupport.ts';

/** Usage of `user remove`. */
export const USER_REMOVE_USAGE = 'user remove <username> [--repo PATH]';

/** `folio user remove`: removes a user; their sessions end and their commits stay. */
export async function userRemove(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPO_OPTIONS },
  });
  noMoreArguments(positionals, 1);
  const username = positional(positionals, 0, 'username');
  const users = await openUsers(values, io.env);
  if (!users.find(username)) throw new CliError(`No user "${username}".`);
  await users.remove(username);
  io.out(`Removed ${username}; their sessions have ended (their commits stay).`);
}
