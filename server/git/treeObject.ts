/**
 * Raw git tree objects. Folio parses and writes trees itself, byte for byte, so that entries it
 * does not touch (non-UTF-8 names, unusual modes, submodules) survive a rewrite unchanged and the
 * order is git's (bytewise, folders compared as if they ended in `/`), which `git fsck` checks.
 */

import { findEntryStart } from './treeOffsets.ts';

/** One entry of a tree: mode as git writes it ("100644", "40000"), raw name bytes, object id. */
export interface TreeEntry {
  mode: string;
  name: Buffer;
  oid: string;
}

/** Mode of a subtree. */
export const TREE_MODE = '40000';
/** Mode of an ordinary file. */
export const FILE_MODE = '100644';
/** Mode of an executable file. */
export const EXECUTABLE_MODE = '100755';
/** Id of the empty tree, which git knows without storing it. */
export const EMPTY_TREE_OID = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** True for a subtree entry. */
export function isTreeMode(mode: string): boolean {
  return mode === TREE_MODE || mode === '040000';
}

/** True for a regular file (executable or not), the only kind Folio edits. */
export function isFileMode(mode: string): boolean {
  return mode === FILE_MODE || mode === EXECUTABLE_MODE;
}

/** Parses the content of a tree object; throws on a malformed one rather than guessing. */
export function parseTree(buffer: Uint8Array): TreeEntry[] {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const entries: TreeEntry[] = [];
  for (let at = 0; at < buf.length;) {
    const { space, nul } = entryBounds(buf, at);
    entries.push(entryAt(buf, at, space, nul, buf.subarray(space + 1, nul)));
    at = nul + 21;
  }
  return entries;
}

/** Finds the entry called `name` without parsing the whole tree (trees of big folders are large). */
export function findTreeEntry(buffer: Uint8Array, name: Buffer): TreeEntry | null {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const start = findEntryStart(buffer, name);
  if (start !== null) {
    if (start < 0) return null;
    const space = buf.indexOf(0x20, start);
    return entryAt(buf, start, space, space + 1 + name.length, Buffer.from(name));
  }
  for (let at = 0; at < buf.length;) {
    const { space, nul } = entryBounds(buf, at);
    if (nul - space - 1 === name.length && buf.compare(name, 0, name.length, space + 1, nul) === 0)
      return entryAt(buf, at, space, nul, Buffer.from(name));
    at = nul + 21;
  }
  return null;
}

// Where the entry starting at `at` has its space and its NUL; throws on a malformed tree.
function entryBounds(buf: Buffer, at: number): { space: number; nul: number } {
  const space = buf.indexOf(0x20, at);
  const nul = space === -1 ? -1 : buf.indexOf(0, space + 1);
  if (space === -1 || nul === -1 || nul + 21 > buf.length) throw new Error('Malformed tree object');
  return { space, nul };
}

function entryAt(buf: Buffer, at: number, space: number, nul: number, name: Buffer): TreeEntry {
  return {
    mode: buf.toString('latin1', at, space),
    name,
    oid: buf.toString('hex', nul + 1, nul + 21),
  };
}

/** Orders entries as git does: bytewise by name, with subtrees compared as `name/`. */
export function compareTreeEntries(a: TreeEntry, b: TreeEntry): number {
  const length = Math.min(a.name.length, b.name.length);
  const prefix = a.name.compare(b.name, 0, length, 0, length);
  if (prefix !== 0) return prefix;
  const nextA = a.name.length > length ? a.name[length]! : isTreeMode(a.mode) ? 0x2f : 0;
  const nextB = b.name.length > length ? b.name[length]! : isTreeMode(b.mode) ? 0x2f : 0;
  return nextA - nextB;
}

/** Serializes entries (sorted here) into tree object content; refuses duplicate names. */
export function serializeTree(entries: readonly TreeEntry[]): Buffer {
  const sorted = [...entries].sort(compareTreeEntries);
  const parts: Buffer[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i]!;
    if (i > 0 && sorted[i - 1]!.name.equals(entry.name)) {
      throw new Error(`Duplicate tree entry "${entry.name.toString('utf8')}"`);
    }
    // git writes modes without leading zeros; `fsck --strict` flags "040000".
    parts.push(
      Buffer.from(`${entry.mode.replace(/^0+/, '')} `, 'latin1'),
      entry.name,
      Buffer.from([0]),
      Buffer.from(entry.oid, 'hex'),
    );
  }
  return Buffer.concat(parts);
}

/** Decodes an entry name, or null when it is not valid UTF-8 (Folio leaves such files alone). */
export function decodeName(name: Buffer): string | null {
  try {
    return UTF8.decode(name);
  } catch {
    return null;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
