import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { constants as zlib, deflate, deflateSync } from 'node:zlib';
import git from 'isomorphic-git';

const deflateAsync = promisify(deflate);

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

// Git writes loose objects at core.looseCompression's default, level 1 (Z_BEST_SPEED), and so
// does Folio for ordinary objects, with Node's native zlib (isomorphic-git's own path deflates in
// JavaScript, with pako at level 6). Objects over LARGE are stored deflated at level 0
// (stored blocks, a valid zlib stream every git reads): in practice these are the trees of big
// folders (10,000 posts in one folder make a 400 KB tree), mostly binary object ids that level 1
// shrinks by only 40% for 5 ms of CPU on every save, the largest cost of a save that grows with
// the folder. Loose objects are temporary: `git gc` packs them, with deltas against the previous
// version of the tree, which is where such a tree really shrinks. They deflate on libuv's pool.
const SMALL = { level: zlib.Z_BEST_SPEED };
const LARGE_OPTIONS = { level: zlib.Z_NO_COMPRESSION, chunkSize: 1024 * 1024 };
const LARGE = 64 * 1024;

/**
 * Stores an object as a loose file in `objectsDir` under its id `oid` (computed by the caller with
 * `hashObject`): Node's zlib deflates it, and isomorphic-git's `writeObject` stores the deflated
 * bytes in their fan-out folder (skipping objects already there) through an atomic file write.
 */
export async function writeLooseObject(
  objectsDir: string,
  oid: string,
  type: ObjectType,
  content: Uint8Array,
): Promise<void> {
  const header = Buffer.from(`${type} ${content.byteLength}\0`, 'latin1');
  const wrapped = Buffer.concat([header, content]);
  const deflated =
    wrapped.length > LARGE
      ? await deflateAsync(wrapped, LARGE_OPTIONS)
      : deflateSync(wrapped, SMALL);
  await git.writeObject({
    fs: atomicFs,
    gitdir: dirname(objectsDir),
    type,
    object: deflated,
    format: 'deflated',
    oid,
  });
}
