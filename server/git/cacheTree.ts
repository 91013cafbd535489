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
  const wanted = dir ? dir.split('/') : [];
  let found: CachedTree | null = null;
  // Reads the folder at `at` (depth 0: the root) and its subtrees; returns where the next one starts.
  const folder = (at: number, depth: number, onPath: boolean): number => {
    const nameEnd = data.indexOf(0, at);
    const lineEnd = nameEnd < 0 ? -1 : data.indexOf(0x0a, nameEnd);
    if (lineEnd < 0) throw new Error('truncated');
    const numbers = data.toString('latin1', nameEnd + 1, lineEnd);
    const match = /^(-1|\d+) (\d+)$/.exec(numbers);
    if (!match) throw new Error('malformed');
    const entries = Number(match[1]);
    const subtrees = Number(match[2]);
    let next = lineEnd + 1;
    let oid: string | null = null;
    if (entries >= 0) {
      if (next + 20 > data.length) throw new Error('truncated');
      oid = data.toString('hex', next, next + 20);
      next += 20;
    }
    const here =
      onPath && (depth === 0 || data.toString('utf8', at, nameEnd) === wanted[depth - 1]);
    if (here && depth === wanted.length && oid) found = { oid, entries };
    for (let k = 0; k < subtrees; k++)
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
