import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

/** A git object type Folio writes. */
export type ObjectType = 'blob' | 'tree' | 'commit';

/** The id git gives `content` stored as an object of `type`. */
export function hashObject(type: ObjectType, content: Uint8Array): string {
  return createHash('sha1').update(`${type} ${content.byteLength}\0`).update(content).digest('hex');
}

/**
 * Stores an object as a loose file in `objectsDir` under its id `oid`. Like git, it writes a
 * temporary file and renames it into place, so a crash or a concurrent reader never sees half an
 * object. `knownDirs` remembers the fan-out folders that exist, sparing a mkdir per object.
 */
export async function writeLooseObject(
  objectsDir: string,
  oid: string,
  type: ObjectType,
  content: Uint8Array,
  knownDirs: Set<string> = new Set(),
): Promise<void> {
  const folder = join(objectsDir, oid.slice(0, 2));
  const file = join(folder, oid.slice(2));
  const header = Buffer.from(`${type} ${content.byteLength}\0`, 'latin1');
  // Level 1, git's default for loose objects (core.looseCompression): they are repacked later.
  const deflated = await deflateAsync(Buffer.concat([header, content]), { level: 1 });
  if (!knownDirs.has(folder)) {
    await mkdir(folder, { recursive: true });
    knownDirs.add(folder);
  }
  const tmp = join(folder, `tmp_obj_folio_${randomBytes(6).toString('hex')}`);
  // Objects are immutable: git makes them read-only, and so do we.
  await writeFile(tmp, deflated, { mode: 0o444 });
  try {
    // Renaming over an existing copy is harmless: same id, same bytes.
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    // Windows refuses to rename over a read-only file: then another writer stored it first.
    if (!(await stat(file).catch(() => null))) throw err;
  }
}
