/**
 * Which posts of a conflicted save this browser has resolved (saved a merge of), so that the save
 * is dropped once its last post is: `folio.resolved.<commit>` in localStorage, a list of entry ids.
 */
const keyOf = (commit: string) => `folio.resolved.${commit}`;

/** The posts of `commit` resolved in this browser. */
export function resolvedPosts(commit: string): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(keyOf(commit)) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Records that post `id` of `commit` is resolved; returns every post resolved so far. */
export function markResolved(commit: string, id: string): Set<string> {
  const done = resolvedPosts(commit).add(id);
  try {
    localStorage.setItem(keyOf(commit), JSON.stringify([...done]));
  } catch {
    // storage full or off: the save is still dropped when this was its last post
  }
  return done;
}

/** Forgets the record of `commit` (once the save is dropped). */
export function forgetResolved(commit: string): void {
  try {
    localStorage.removeItem(keyOf(commit));
  } catch {
    // nothing kept
  }
}
