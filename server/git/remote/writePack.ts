import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { ObjectStore } from '../ObjectStore.ts';
import { EMPTY_TREE_OID } from '../treeObject.ts';

const TYPE_CODES: Record<string, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

// The pack entry header: type and size, seven bits at a time, low bits first.
function entryHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (type << 4) | (size & 0x0f);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/**
 * A version 2 pack of the objects `oids`, read through Folio's object store (loose, packed or in an
 * alternate), each one whole and deflated, with the SHA-1 trailer: what `git receive-pack` takes.
 * No deltas: a save's few changed files are small, and git deltifies them at its next gc.
 */
export async function writePack(objects: ObjectStore, oids: readonly string[]): Promise<Buffer> {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(oids.length, 8);
  const parts: Buffer[] = [header];
  for (const oid of oids) {
    const found =
      oid === EMPTY_TREE_OID
        ? { type: 'tree', content: Buffer.alloc(0) }
        : await objects.readAny(oid);
    const code = TYPE_CODES[found.type];
    if (!code) throw new Error(`Object ${oid} has an unknown type (${found.type})`);
    parts.push(entryHeader(code, found.content.length), deflateSync(found.content));
  }
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  parts.push(hash.digest());
  return Buffer.concat(parts);
}
