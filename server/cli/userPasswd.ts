import { parseArgs } from 'node:util';
import { passwordProblem } from '../../shared/policy/passwordRules.ts';
import {
  CliError,
  REPO_OPTIONS,
  noMoreArguments,
  openUsers,
  positional,
  type CliIo,
} from './cliSupport.ts';

/** Usage of `user passwd`. */
export const USER_PASSWD_USAGE = 'user passwd <username> [--password-stdin] [--repo PATH]';

/** `folio user passwd`: sets a new password; every session of the user ends. */
export async function userPasswd(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPO_OPTIONS, 'password-stdin': { type: 'boolean', default: false } },
  });
  noMoreArguments(positionals, 1);
  const username = positional(positionals, 0, 'username');
  const users = await openUsers(values, io.env);
  const user = users.find(username);
  if (!user) throw new CliError(`No user "${username}".`);
  const password = await io.readPassword({ fromStdin: values['password-stdin'], confirm: true });
  const problem = passwordProblem(password, user);
  if (problem) throw new CliError(`${problem} Nothing was changed.`);
  await users.setPassword(username, password);
  io.out(`Changed the password of ${username}; their sessions have ended.`);
}
