/**
 * Where each entry of a large tree starts, so that finding a name is a binary search instead of a
 * walk over every entry. A folder of 10,000 posts has a 400 KB tree, and a save looked names up in
 * it half a dozen times (the entry, the diff of the working tree, the edit): each walk cost about a
 * millisecond, the largest part of a save that grew with the folder. The table is built once per
 * tree buffer (trees are immutable and cached by ObjectStore) and kept beside it in a WeakMap; an
 * edit that replaces entries by entries of the same length hands the table on to the new tree.
 * A tree that is not in git's order (a broken or hostile repository) gets no table, and callers
 * walk it as before, so answers never depend on the table.
 */

/** Trees smaller than this are walked: a binary search saves nothing there. */
const MIN_BYTES = 8 * 1024;

const tables = new WeakMap<Uint8Array, Uint32Array | null>();

/** The start of every entry of `buf`, or null for a small, malformed or unordered tree. */
export function entryStarts(buf: Uint8Array): Uint32Array | null {
  if (buf.byteLength < MIN_BYTES) return null;
  const known = tables.get(buf);
  if (known !== undefined) return known;
  const table = buildTable(asBuffer(buf));
  tables.set(buf, table);
  return table;
}

const boundaries = new WeakMap<Uint8Array, Uint32Array | null>();

/**
 * The start of every entry of `buf` without checking their order (a tree diff only needs to know
 * where entries begin), or null for a small or malformed tree. One native scan per tree buffer,
 * kept beside it: the history index diffs 10,000 versions of a 10,000-entry folder, where checking
 * git's order on each would cost more than the diff itself.
 */
export function entryBoundaries(buf: Uint8Array): Uint32Array | null {
  if (buf.byteLength < MIN_BYTES) return null;
  const known = tables.get(buf) ?? boundaries.get(buf);
  if (known !== undefined) return known;
  const b = asBuffer(buf);
  const starts = new Uint32Array(Math.ceil(b.length / 21));
  let count = 0;
  for (let at = 0; at < b.length;) {
    const nul = b.indexOf(0, at);
    if (nul === -1 || nul + 21 > b.length) {
      boundaries.set(buf, null);
      return null;
    }
    starts[count++] = at;
    at = nul + 21;
  }
  const table = starts.slice(0, count);
  boundaries.set(buf, table);
  return table;
}

/** Records that `buf` has entries starting at `starts` (an edit that kept every entry's length). */
export function shareEntryStarts(buf: Uint8Array, starts: Uint32Array): void {
  if (buf.byteLength >= MIN_BYTES) tables.set(buf, starts);
}

/**
 * The start of the entry called `name` (a file first, then a folder), -1 when there is none, or
 * null when the tree has no table and must be walked.
 */
export function findEntryStart(buffer: Uint8Array, name: Uint8Array): number | null {
  const starts = entryStarts(buffer);
  if (!starts) return null;
  const buf = asBuffer(buffer);
  for (const asTree of [false, true]) {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTo(buf, starts[mid]!, name, asTree) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < starts.length && compareTo(buf, starts[lo]!, name, asTree) === 0) return starts[lo]!;
  }
  return -1;
}

function asBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

function isTreeAt(buf: Buffer, at: number, space: number): boolean {
  const length = space - at;
  // "40000", or "040000" as some old tools wrote it.
  return (
    (length === 5 && buf[at] === 0x34 && buf.toString('latin1', at, space) === '40000') ||
    (length === 6 && buf.toString('latin1', at, space) === '040000')
  );
}

// Git's order of the entry at `at` against `name` (a folder compares as if it ended in "/").
function compareTo(buf: Buffer, at: number, name: Uint8Array, asTree: boolean): number {
  const space = buf.indexOf(0x20, at);
  const nul = buf.indexOf(0, space + 1);
  const la = nul - space - 1;
  const length = Math.min(la, name.length);
  const prefix = buf.compare(name, 0, length, space + 1, space + 1 + length);
  if (prefix !== 0) return prefix;
  const nextA = la > length ? buf[space + 1 + length]! : isTreeAt(buf, at, space) ? 0x2f : 0;
  const nextB = name.length > length ? name[length]! : asTree ? 0x2f : 0;
  return nextA - nextB;
}

function buildTable(buf: Buffer): Uint32Array | null {
  const starts: number[] = [];
  let previous = -1;
  let previousName: Buffer | null = null;
  let previousTree = false;
  for (let at = 0; at < buf.length;) {
    const space = buf.indexOf(0x20, at);
    const nul = space === -1 ? -1 : buf.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 21 > buf.length) return null;
    if (previous >= 0) {
      // Strictly increasing in git's order, or no table.
      const order = compareTo(buf, at, previousName!, previousTree);
      if (order <= 0) return null;
    }
    starts.push(at);
    previous = at;
    previousName = buf.subarray(space + 1, nul);
    previousTree = isTreeAt(buf, at, space);
    at = nul + 21;
  }
  return Uint32Array.from(starts);
}
