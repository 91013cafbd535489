import { AppError } from '../errors.ts';
import { ROLE_SUMMARY, ROLES } from '../../shared/policy/roles.ts';
import { CliError, UsageError, type CliIo } from './cliSupport.ts';
import { readPassword } from './readPassword.ts';
import { USER_ADD_USAGE, userAdd } from './userAdd.ts';
import { USER_LIST_USAGE, userList } from './userList.ts';
import { USER_PASSWD_USAGE, userPasswd } from './userPasswd.ts';
import { USER_REMOVE_USAGE, userRemove } from './userRemove.ts';
import { USER_ROLE_USAGE, userRole } from './userRole.ts';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<void>> = {
  add: userAdd,
  passwd: userPasswd,
  role: userRole,
  remove: userRemove,
  list: userList,
};

/** Text of `npm run folio -- help`. */
const CLI_HELP = `Folio's users, from the command line (works while Folio runs).

Usage: npm run folio -- <command>

  ${USER_ADD_USAGE}
  ${USER_PASSWD_USAGE}
  ${USER_ROLE_USAGE}
  ${USER_REMOVE_USAGE}
  ${USER_LIST_USAGE}

The repository is found as npm start finds it: --repo PATH, else FOLIO_REPO, else DATA/site
(--data, FOLIO_DATA_DIR, default data). Passwords are asked on the terminal without echo;
--password-stdin reads one line from standard input instead. A password has at least 10
characters and is not a common one.

Roles:
${ROLES.map((role) => `  ${role.padEnd(7)} ${ROLE_SUMMARY[role]}`).join('\n')}`;

/** Runs one CLI invocation; resolves to the exit code. */
async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [group, command, ...args] = argv;
  try {
    if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
      io.out(CLI_HELP);
      return 0;
    }
    if (group !== 'user') throw new UsageError(`Unknown command "${group}".`);
    const run = command === undefined ? undefined : COMMANDS[command];
    if (!run)
      throw new UsageError(
        command ? `Unknown command "user ${command}".` : 'Missing a user command.',
      );
    await run(args, io);
    return 0;
  } catch (err) {
    const known = err instanceof CliError || err instanceof AppError;
    const message = err instanceof Error ? err.message : String(err);
    const usage =
      err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`folio: ${message}\n`);
    if (usage) process.stderr.write('Run `npm run folio -- help` for the commands.\n');
    if (!known && !usage && process.env.FOLIO_DEBUG) console.error(err);
    return err instanceof CliError ? err.exitCode : usage ? 2 : 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(line + '\n'),
  readPassword,
});
