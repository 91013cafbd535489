import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProcessOwner, currentOwner, parseOwner } from './processOwner.ts';

/** One file a journaled write changes: HEAD's version before and after (null: absent). */
export interface JournalFile {
  path: string;
  before: { oid: string; mode: string } | null;
  after: { oid: string; mode: string } | null;
}

/**
 * What a write is about to do, recorded before it touches the working tree or moves the branch:
 * after a crash, `recoverWrites` reads it to put the working tree and the git index in step with
 * wherever the branch ended up.
 */
export interface JournalRecord {
  id: string;
  owner: ProcessOwner;
  branch: string;
  from: string | null;
  to: string;
  files: JournalFile[];
}

const OID = /^[0-9a-f]{40}$/;
const MODE = /^(100644|100755|120000|160000)$/;

function parseVersion(value: unknown): JournalFile['before'] | undefined {
  if (value === null) return null;
  if (!value || typeof value !== 'object') return undefined;
  const { oid, mode } = value as Record<string, unknown>;
  if (typeof oid !== 'string' || !OID.test(oid) || typeof mode !== 'string' || !MODE.test(mode))
    return undefined;
  return { oid, mode };
}

/** Checks a journal read from disk field by field; null for anything Folio did not write. */
export function parseJournal(text: string): JournalRecord | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const owner = parseOwner(raw.owner);
  const { id, branch, from, to, files } = raw;
  if (!owner || typeof id !== 'string' || !/^[0-9a-z-]+$/.test(id)) return null;
  if (typeof branch !== 'string' || !branch.startsWith('refs/heads/')) return null;
  if (from !== null && (typeof from !== 'string' || !OID.test(from))) return null;
  if (typeof to !== 'string' || !OID.test(to) || !Array.isArray(files)) return null;
  const parsed: JournalFile[] = [];
  for (const file of files as unknown[]) {
    if (!file || typeof file !== 'object') return null;
    const { path } = file as Record<string, unknown>;
    const before = parseVersion((file as Record<string, unknown>).before);
    const after = parseVersion((file as Record<string, unknown>).after);
    if (
      typeof path !== 'string' ||
      !path ||
      path.split('/').some((s) => s === '' || s === '.' || s === '..' || s === '.git')
    )
      return null;
    if (before === undefined || after === undefined) return null;
    parsed.push({ path, before, after });
  }
  return { id, owner, branch, from, to, files: parsed };
}

/** The journal folder of a git directory (per worktree: each has its own index). */
export function journalDir(gitdir: string): string {
  return join(gitdir, 'folio', 'journal');
}

/** Writes the journal of a write that is about to start (temp file + rename: never half a record). */
export async function writeJournal(
  gitdir: string,
  write: Omit<JournalRecord, 'id' | 'owner'>,
): Promise<JournalRecord> {
  const record: JournalRecord = {
    id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    owner: currentOwner(),
    ...write,
  };
  const dir = journalDir(gitdir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${record.id}.json`);
  await writeFile(`${file}.tmp`, JSON.stringify(record));
  await rename(`${file}.tmp`, file);
  return record;
}

/** Removes a journal once its write is complete (or fully undone). */
export async function removeJournal(gitdir: string, id: string): Promise<void> {
  await unlink(join(journalDir(gitdir), `${id}.json`)).catch(() => undefined);
}

/** Every journal on disk: parsed records, and the names of files that are not valid journals. */
export async function readJournals(
  gitdir: string,
): Promise<{ records: JournalRecord[]; invalid: string[] }> {
  const dir = journalDir(gitdir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const records: JournalRecord[] = [];
  const invalid: string[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) {
      invalid.push(name);
      continue;
    }
    const record = parseJournal(await readFile(join(dir, name), 'utf8').catch(() => ''));
    if (record && `${record.id}.json` === name) records.push(record);
    else invalid.push(name);
  }
  return { records, invalid };
}
