import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
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

/** How many times an object write is tried while `git gc` or `git prune-packed` remove its folder. */
const WRITE_ATTEMPTS = 5;

/**
 * Writes a file the way git writes objects: a temporary file beside it, then a rename, so a crash
 * or a concurrent reader never sees half an object. Objects are immutable, so read-only. Git's
 * maintenance (`gc`, `repack -d`, `prune-packed`) removes fan-out folders that it empties, at any
 * moment: as git itself does, the folder is made again and the write tried again.
 */
async function writeFileAtomically(path: fs.PathLike, data: Uint8Array | string): Promise<void> {
  const target = String(path);
  const folder = dirname(target);
  for (let attempt = 1; ; attempt++) {
    const tmp = join(folder, `tmp_obj_folio_${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(tmp, data, { mode: 0o444 });
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= WRITE_ATTEMPTS) throw err;
      await mkdir(folder, { recursive: true });
      continue;
    }
    try {
      // Renaming over an existing copy is harmless: same id, same bytes.
      await rename(tmp, target);
      return;
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      // Windows refuses to rename over a read-only file: then another writer stored it first.
      if (await fs.promises.stat(target).catch(() => null)) return;
      // The folder went (with the temporary file) between the write and the rename: again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= WRITE_ATTEMPTS) throw err;
      await mkdir(folder, { recursive: true });
    }
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
