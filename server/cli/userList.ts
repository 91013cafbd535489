import { parseArgs } from 'node:util';
import type { UserRecord } from '../../shared/api/contract.ts';
import { REPO_OPTIONS, noMoreArguments, openUsers, type CliIo } from './cliSupport.ts';

/** Usage of `user list`. */
export const USER_LIST_USAGE = 'user list [--json] [--repo PATH]';

function row(user: UserRecord): string[] {
  const role = [user.role, user.collections ? `(${user.collections.join(',')})` : '']
    .concat(user.disabled ? ['disabled'] : [])
    .filter(Boolean)
    .join(' ');
  return [user.username, user.name, user.email, role, user.lastSignInAt ?? 'never'];
}

/** `folio user list`: username, name, email, role and last sign-in of every user. */
export async function userList(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...REPO_OPTIONS, json: { type: 'boolean', default: false } },
  });
  noMoreArguments(positionals, 0);
  const users = (await openUsers(values, io.env)).list();
  if (values.json) return io.out(JSON.stringify(users, null, 2));
  if (users.length === 0) return io.out('No users yet: add one with `npm run folio -- user add`.');
  const rows = [['USERNAME', 'NAME', 'EMAIL', 'ROLE', 'LAST SIGN-IN'], ...users.map(row)];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  for (const r of rows)
    io.out(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}
