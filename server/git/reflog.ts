import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Signature } from './commitObject.ts';
import { formatSignature } from './commitObject.ts';

const ZERO_OID = '0'.repeat(40);

/** One ref update to record, as `git reflog` shows it. */
export interface ReflogEntry {
  oldOid: string | null;
  newOid: string;
  committer: Signature;
  message: string;
}

/**
 * Appends lines to `logs/<ref>` like git does (several when one ref move spans several commits).
 * With `create` false (bare repositories, where core.logAllRefUpdates defaults to off) only logs
 * that already exist are extended.
 */
export async function appendReflog(
  logsBase: string,
  ref: string,
  entries: readonly ReflogEntry[],
  create: boolean,
): Promise<void> {
  if (entries.length === 0) return;
  const file = join(logsBase, 'logs', ref);
  const line = entries
    .map((entry) => {
      const subject = entry.message.split('\n', 1)[0]!.replace(/[\t\r]/g, ' ');
      return `${entry.oldOid ?? ZERO_OID} ${entry.newOid} ${formatSignature(entry.committer)}\t${subject}\n`;
    })
    .join('');
  // O_APPEND makes one write land whole even beside another writer (git holds the ref's lock while
  // it appends, as Folio does); without O_CREAT a missing log stays missing.
  const flags = constants.O_WRONLY | constants.O_APPEND | (create ? constants.O_CREAT : 0);
  try {
    await appendLine(file, line, flags);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!create) return;
    await mkdir(dirname(file), { recursive: true });
    await appendLine(file, line, flags);
  }
}

async function appendLine(file: string, line: string, flags: number): Promise<void> {
  const handle = await open(file, flags, 0o644);
  try {
    await handle.write(line);
  } finally {
    await handle.close();
  }
}
