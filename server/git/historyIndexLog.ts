import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/** Version of the history index log; a file of any other version is rebuilt. */
export const HISTORY_LOG_FORMAT = 'folio-history-index/4';

/** One line of the log: a commit, its first parent, and the paths it changed against that parent. */
export interface LogLine {
  c: string;
  p: string | null;
  /** Present (1) for a merge commit. */
  m?: 1;
  /** Paths added (no file there in the first parent). */
  a?: string[];
  /** Paths modified. */
  x?: string[];
  /** Paths deleted. */
  d?: string[];
  /** Present (1) when the rename sources of the added paths were found while indexing: `r` lists them. */
  k?: 1;
  /** Added path and the path it was renamed from (additions not listed had no source). */
  r?: [string, string][];
}

const OID = /^[0-9a-f]{40}$/;
const KEYS = new Set(['c', 'p', 'm', 'a', 'x', 'd', 'k', 'r']);
/** Every line ends with its checksum: `,"s":"<crc32 of the line before it, closed by "}">"}`. */
const SUM = /,"s":"([0-9a-f]{8})"\}$/;

/** A JSON object as one line of the log, ending with the checksum of the rest. */
export function serializeLogLine(value: object): string {
  const json = JSON.stringify(value);
  const sum = crc32(json).toString(16).padStart(8, '0');
  return `${json.slice(0, -1)},"s":"${sum}"}\n`;
}

/** The header line: the format and the shallow boundary the positions were indexed on. */
export function serializeLogHeader(shallow: string): string {
  return serializeLogLine({ format: HISTORY_LOG_FORMAT, shallow });
}

/** The shallow boundary a header line records, or a reason to rebuild the whole log. */
export function parseLogHeader(text: string): { shallow: string } | { damage: string } {
  const value = checkedJson(text);
  if (typeof value === 'string') return { damage: olderFormat(text) ?? value };
  const { format, shallow, ...rest } = value as { format?: unknown; shallow?: unknown };
  if (format !== HISTORY_LOG_FORMAT) return { damage: `format ${String(format)}` };
  if (typeof shallow !== 'string' || Object.keys(rest).length) return { damage: 'odd header' };
  return { shallow };
}

/**
 * One log line checked to the last field: its checksum, every field's type, commit ids, path
 * lists (non-empty strings, each path once per commit), rename pairs (an added path and a deleted
 * one), and that it follows on `previous` (the commit of the line before). Returns the line, or
 * what is wrong with it: anything in doubt sends the index back to rebuild from there.
 */
export function parseLogLine(text: string, previous: string | null): LogLine | string {
  const value = checkedJson(text);
  if (typeof value === 'string') return value;
  const line = value as Record<string, unknown>;
  for (const key of Object.keys(line)) if (!KEYS.has(key)) return `unknown field "${key}"`;
  if (typeof line.c !== 'string' || !OID.test(line.c)) return 'no commit id';
  if (line.p !== previous) return 'does not follow the line before';
  if (line.m !== undefined && line.m !== 1) return 'odd merge flag';
  if (line.k !== undefined && line.k !== 1) return 'odd rename flag';
  const seen = new Set<string>();
  for (const key of ['a', 'x', 'd'] as const) {
    const paths = line[key];
    if (paths === undefined) continue;
    if (!Array.isArray(paths) || paths.length === 0) return `"${key}" is not a list of paths`;
    for (const path of paths) {
      if (typeof path !== 'string' || path === '' || seen.has(path)) return `odd path in "${key}"`;
      seen.add(path);
    }
  }
  if (line.r !== undefined) {
    const added = new Set(line.a as string[] | undefined);
    const deleted = new Set(line.d as string[] | undefined);
    if (line.k !== 1 || !Array.isArray(line.r) || line.r.length === 0) return 'odd renames';
    for (const pair of line.r as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) return 'odd rename pair';
      if (!added.has(pair[0] as string) || !deleted.has(pair[1] as string)) return 'odd rename';
    }
  }
  return line as unknown as LogLine;
}

// "written in format …" for the header of an older log (version 3 and before had no checksums).
function olderFormat(text: string): string | null {
  try {
    const format = (JSON.parse(text) as { format?: unknown } | null)?.format;
    return typeof format === 'string' && format !== HISTORY_LOG_FORMAT
      ? `written in format ${format}`
      : null;
  } catch {
    return null;
  }
}

// The line's JSON value once its checksum holds, or what is wrong.
function checkedJson(text: string): unknown {
  const sum = SUM.exec(text);
  if (!sum) return 'no checksum (torn or foreign)';
  const json = `${text.slice(0, sum.index)}}`;
  if (crc32(json) !== parseInt(sum[1]!, 16)) return 'checksum mismatch';
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? value
      : 'not an object';
  } catch {
    return 'not JSON';
  }
}

/** Appends `lines` to the log `file`. */
export async function appendLog(file: string, lines: readonly LogLine[]): Promise<void> {
  await ensureDir(dirname(file));
  await appendFile(file, lines.map(serializeLogLine).join(''));
}

/** Replaces the log `file` atomically (temporary file, rename) with a header and `lines`. */
export async function rewriteLog(
  file: string,
  shallow: string,
  lines: readonly LogLine[],
): Promise<void> {
  await ensureDir(dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, [serializeLogHeader(shallow), ...lines.map(serializeLogLine)].join(''));
  await rename(tmp, file);
}

// Creates the index folder, but never the git directory above it (a repository removed meanwhile).
async function ensureDir(dir: string): Promise<void> {
  const parent = dirname(dir);
  for (const d of [parent, dir]) {
    try {
      await mkdir(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
