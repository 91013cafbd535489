import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflate, inflateSync } from 'node:zlib';
import { MissingObjectError } from './objectErrors.ts';
import type { StoredObject } from './PackReader.ts';

const inflateAsync = promisify(inflate);

/** A loose object of `objectsDir` (`ab/cdef…`, zlib-deflated "type size\0content"), or null when there is none. */
export async function readLoose(objectsDir: string, oid: string): Promise<StoredObject | null> {
  const file = join(objectsDir, oid.slice(0, 2), oid.slice(2));
  let deflated: Buffer;
  try {
    // Most lookups miss (the object is packed): a synchronous miss costs microseconds.
    deflated = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const raw = deflated.length > 64 * 1024 ? await inflateAsync(deflated) : inflateSync(deflated);
  const nul = raw.indexOf(0);
  const [type, size] = raw.toString('latin1', 0, nul).split(' ');
  const content = raw.subarray(nul + 1);
  if (Number(size) !== content.length)
    throw new MissingObjectError(oid, 'is corrupt (size mismatch)');
  return { type: type!, content };
}
