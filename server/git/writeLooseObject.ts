import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';

/** A git object type Folio writes. */
export type ObjectType = 'blob' | 'tree' | 'commit';

/** The id git gives `content` stored as an object of `type`. */
export function hashObject(type: ObjectType, content: Uint8Array): string {
  return createHash('sha1').update(`${type} ${content.byteLength}\0`).update(content).digest('hex');
}

/**
 * Writes a file the way git writes objects: a temporary file beside it, then a rename, so a crash
 * or a concurrent reader never sees half an object. Objects are immutable, so read-only.
 */
async function writeFileAtomically(path: fs.PathLike, data: Uint8Array | string): Promise<void> {
  const target = String(path);
  const tmp = join(dirname(target), `tmp_obj_folio_${randomBytes(6).toString('hex')}`);
  await writeFile(tmp, data, { mode: 0o444 });
  try {
    // Renaming over an existing copy is harmless: same id, same bytes.
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    // Windows refuses to rename over a read-only file: then another writer stored it first.
    if (!(await fs.promises.stat(target).catch(() => null))) throw err;
  }
}

// isomorphic-git writes loose objects with a plain writeFile; this client makes that write atomic.
const atomicFs = { promises: { ...fs.promises, writeFile: writeFileAtomically } };

/**
 * Stores an object as a loose file in `objectsDir` under its id `oid`, through isomorphic-git's
 * `writeObject` (hash, deflate, fan-out folder) with an atomic file write.
 */
export async function writeLooseObject(
  objectsDir: string,
  oid: string,
  type: ObjectType,
  content: Uint8Array,
): Promise<void> {
  const written = await git.writeObject({
    fs: atomicFs,
    gitdir: dirname(objectsDir),
    type,
    object: content,
    format: 'content',
  });
  if (written !== oid)
    throw new Error(`Object id mismatch while writing ${type} ${oid} (got ${written})`);
}
