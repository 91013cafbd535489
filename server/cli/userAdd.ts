import { parseArgs } from 'node:util';
import { EmailSchema, FullNameSchema, UsernameSchema } from '../../shared/api/accounts.ts';
import { passwordProblem } from '../../shared/policy/passwordRules.ts';
import { ROLES, RoleSchema } from '../../shared/policy/roles.ts';
import {
  CliError,
  REPO_OPTIONS,
  UsageError,
  noMoreArguments,
  openUsers,
  positional,
  valid,
  type CliIo,
} from './cliSupport.ts';

/** Usage of `user add`. */
export const USER_ADD_USAGE =
  'user add <username> --role <admin|editor|author|viewer> --name "<full name>" --email <email> [--collections a,b] [--password-stdin] [--repo PATH]';

/** Checks a role name, saying which roles exist. */
export function validRole(value: string): (typeof ROLES)[number] {
  const result = RoleSchema.safeParse(value);
  if (!result.success) throw new CliError(`Unknown role "${value}": use ${ROLES.join(', ')}.`);
  return result.data;
}

/** `folio user add`: adds a user, asking for their password (or reading it from standard input). */
export async function userAdd(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...REPO_OPTIONS,
      role: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      collections: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  noMoreArguments(positionals, 1);
  const username = valid(UsernameSchema, positional(positionals, 0, 'username'), 'username');
  for (const flag of ['role', 'name', 'email'] as const)
    if (values[flag] === undefined) throw new UsageError(`Missing --${flag}.`);
  const role = validRole(values.role!);
  const name = valid(FullNameSchema, values.name, 'name');
  const email = valid(EmailSchema, values.email, 'email');
  const collections = values.collections
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const users = await openUsers(values, io.env);
  if (users.find(username)) throw new CliError(`A user "${username}" already exists.`);
  const password = await io.readPassword({ fromStdin: values['password-stdin'], confirm: true });
  const problem = passwordProblem(password, { username, email });
  if (problem) throw new CliError(`${problem} Nothing was changed.`);
  await users.add({ username, name, email, role, collections: collections ?? null }, password);
  io.out(`Added ${username} (${role}, ${name} <${email}>).`);
}
