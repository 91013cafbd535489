import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Where HEAD points: a branch (full ref name) or, when detached, a commit. */
export type HeadTarget = { branch: string; detached: false } | { commit: string; detached: true };

const OID = /^[0-9a-f]{40}$/;
// The refs Folio may follow or write: plain names under refs/, no `..`, no lock or odd characters.
const SAFE_REF = /^refs\/(?:[A-Za-z0-9._+@-]+\/)*[A-Za-z0-9._+@-]+$/;

/** True for a ref name Folio is willing to read and write (refs/..., no `..`, no `.lock`). */
export function isSafeRefName(name: string): boolean {
  return (
    SAFE_REF.test(name) &&
    !name.includes('..') &&
    !name.endsWith('.lock') &&
    !name.split('/').some((s) => s.startsWith('.'))
  );
}

// HEAD, loose refs and the stat of packed-refs are read synchronously: every request reads them,
// they are a few dozen bytes, and the async API cost four thread-pool round trips each (about
// 0.3 ms per request instead of 0.02).

/** Reads HEAD of the (possibly linked-worktree) git directory `gitdir`. */
export async function readHeadTarget(gitdir: string): Promise<HeadTarget> {
  const text = readFileSync(join(gitdir, 'HEAD'), 'utf8').trim();
  const symbolic = /^ref:\s*(\S+)$/.exec(text);
  if (symbolic) {
    const branch = symbolic[1]!;
    if (!isSafeRefName(branch))
      throw new Error(`HEAD points at an unusual ref "${branch}"; Folio will not follow it.`);
    return { branch, detached: false };
  }
  if (OID.test(text)) return { commit: text, detached: true };
  throw new Error(`Cannot read HEAD in ${gitdir}: it is neither a ref nor a commit id.`);
}

/**
 * Resolves a ref to a commit id, looking at the loose file first and then packed-refs, as git does;
 * null when the ref does not exist (a new repository before its first commit).
 */
export async function readRef(commonDir: string, name: string, depth = 0): Promise<string | null> {
  if (depth > 5) throw new Error(`Ref ${name} is a chain of symbolic refs too long to follow.`);
  const loose = readLooseRef(join(commonDir, name));
  if (loose !== null) {
    const value = loose.trim();
    if (OID.test(value)) return value;
    const symbolic = /^ref:\s*(\S+)$/.exec(value);
    if (symbolic && isSafeRefName(symbolic[1]!)) return readRef(commonDir, symbolic[1]!, depth + 1);
    throw new Error(`Ref ${name} holds something that is not a commit id.`);
  }
  return (await readPackedRefs(commonDir)).get(name) ?? null;
}

function readLooseRef(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR/EISDIR: a ref "a" cannot exist beside a folder "a/": there is no loose ref.
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw err;
  }
}

interface PackedRefsCache {
  key: string;
  refs: Map<string, string>;
}
const packedCache = new Map<string, PackedRefsCache>();

/** The refs in packed-refs, re-read only when the file changed (it can hold thousands of tags). */
async function readPackedRefs(commonDir: string): Promise<Map<string, string>> {
  const file = join(commonDir, 'packed-refs');
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return new Map();
  const key = `${info.ino}:${info.size}:${info.mtimeMs}`;
  const cached = packedCache.get(file);
  if (cached?.key === key) return cached.refs;
  const refs = new Map<string, string>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    // "# pack-refs with: ..." is a header; "^oid" peels the annotated tag on the line before.
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const match = /^([0-9a-f]{40}) (\S+)$/.exec(line.trimEnd());
    if (match) refs.set(match[2]!, match[1]!);
  }
  packedCache.set(file, { key, refs });
  return refs;
}

/**
 * The refs whose names start with `prefix` (`refs/folio/conflicts/`), loose and packed, as git's
 * `for-each-ref` would list them (a loose ref wins over its packed copy); name -> commit id.
 */
export async function listRefs(commonDir: string, prefix: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [name, oid] of await readPackedRefs(commonDir))
    if (name.startsWith(prefix)) found.set(name, oid);
  const folder = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const names = await readdir(join(commonDir, folder), { recursive: true, withFileTypes: true })
    .then((items) =>
      items
        .filter((item) => item.isFile() && !item.name.endsWith('.lock'))
        .map((item) => relative(commonDir, join(item.parentPath, item.name)).split(sep).join('/')),
    )
    .catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
      throw err;
    });
  for (const name of names) {
    if (!name.startsWith(prefix) || !isSafeRefName(name)) continue;
    const value = readLooseRef(join(commonDir, name))?.trim();
    if (value && OID.test(value)) found.set(name, value);
  }
  return found;
}
