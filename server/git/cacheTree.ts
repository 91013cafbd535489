/** What git's cache tree records for one folder of the index. */
export interface CachedTree {
  /** The id of the tree the folder's index entries make. */
  oid: string;
  /** How many index entries lie under the folder. */
  entries: number;
}

/**
 * What the cache-tree extension (`TREE`) of a git index records for folder `dir` ('' for the
 * root): the tree id git computed from the index entries under it, or null when git marked the
 * folder invalid (its entries changed since), did not record it, or the data is malformed.
 *
 * The data is the folders in pre-order, each as `<name>\0<entries> <subtrees>\n` followed by the
 * 20-byte tree id when `entries` is not -1. Git writes commits from these ids without hashing the
 * entries again, and invalidates a folder whenever an entry under it changes.
 */
export function cachedTreeOf(data: Buffer, dir: string): CachedTree | null {
  const wanted = dir ? dir.split('/').map((name) => Buffer.from(name, 'utf8')) : [];
  let found: CachedTree | null = null;
  let done = false;
  // Reads the folder at `at` (depth 0: the root) and, until the wanted one is found, its subtrees;
  // returns where the next folder starts.
  const folder = (at: number, depth: number, onPath: boolean): number => {
    const nameEnd = data.indexOf(0, at);
    if (nameEnd < 0) throw new Error('truncated');
    const [entries, afterEntries] = decimal(data, nameEnd + 1, 0x20);
    const [subtrees, lineEnd] = decimal(data, afterEntries, 0x0a);
    let next = lineEnd;
    const here =
      onPath && (depth === 0 || data.compare(wanted[depth - 1]!, 0, undefined, at, nameEnd) === 0);
    if (here && depth === wanted.length) done = true; // no folder after it is read
    if (entries >= 0) {
      if (next + 20 > data.length) throw new Error('truncated');
      if (done) found = { oid: data.toString('hex', next, next + 20), entries };
      next += 20;
    }
    for (let k = 0; k < subtrees && !done; k++)
      next = folder(next, depth + 1, here && depth < wanted.length);
    return next;
  };
  try {
    folder(0, 0, true);
  } catch {
    return null;
  }
  return found;
}

// A decimal number at `at` (-1, or digits) ended by byte `end`: the number and where it ends.
function decimal(data: Buffer, at: number, end: number): [number, number] {
  if (data[at] === 0x2d && data[at + 1] === 0x31 && data[at + 2] === end) return [-1, at + 3];
  let value = 0;
  let i = at;
  for (; i < data.length && data[i]! >= 0x30 && data[i]! <= 0x39 && i - at < 10; i++)
    value = value * 10 + data[i]! - 0x30;
  if (i === at || data[i] !== end) throw new Error('malformed');
  return [value, i + 1];
}
