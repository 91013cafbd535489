import { ObjectUnavailableError } from './objectErrors.ts';
import type { ObjectStore } from './ObjectStore.ts';
import { type FileDelta, diffTrees } from './treeDiff.ts';

const MAX_CANDIDATES = 50;
const MAX_BYTES = 256 * 1024;
/** Git's default: at least half the content must match to call it a rename. */
const MIN_SIMILARITY = 0.5;

/**
 * The path that a file added at `path` in `after` had in `before`: a file deleted in the same
 * change with the same blob, or failing that the most similar one (line overlap at least 50%, as
 * git's rename detection requires). Null when the file is new. `deltas`: the diff of the two trees,
 * when the caller has it already.
 */
export async function findRenameSource(
  objects: ObjectStore,
  before: string,
  after: string,
  path: string,
  oid: string,
  deltas?: readonly FileDelta[],
): Promise<string | null> {
  const deleted = (deltas ?? (await diffTrees(objects, before, after))).filter(
    (d) => d.before && !d.after && d.path !== path,
  );
  const exact = deleted.filter((d) => d.before!.oid === oid);
  if (exact.length)
    return pickClosest(
      exact.map((d) => d.path),
      path,
    );
  const extension = path.slice(path.lastIndexOf('.'));
  const candidates = deleted.filter((d) => d.path.endsWith(extension)).slice(0, MAX_CANDIDATES);
  if (!candidates.length) return null;
  const target = await objects.readBlob(oid);
  if (target.length > MAX_BYTES) return null;
  let best: { path: string; score: number } | null = null;
  for (const candidate of candidates) {
    const content = await objects.readBlob(candidate.before!.oid);
    if (content.length > MAX_BYTES) continue;
    const score = lineSimilarity(target, content);
    if (score >= MIN_SIMILARITY && (!best || score > best.score))
      best = { path: candidate.path, score };
  }
  return best?.path ?? null;
}

/** `findRenameSource`, or undefined when the content it compares is not in this partial clone. */
export async function renameSourceOrUnknown(
  ...args: Parameters<typeof findRenameSource>
): Promise<string | null | undefined> {
  try {
    return await findRenameSource(...args);
  } catch (err) {
    if (err instanceof ObjectUnavailableError) return undefined;
    throw err;
  }
}

/** Share of lines two texts have in common (Dice coefficient over line multisets). */
export function lineSimilarity(a: Buffer, b: Buffer): number {
  const left = a.toString('utf8').split('\n');
  const right = b.toString('utf8').split('\n');
  const counts = new Map<string, number>();
  for (const line of left) counts.set(line, (counts.get(line) ?? 0) + 1);
  let common = 0;
  for (const line of right) {
    const n = counts.get(line) ?? 0;
    if (n > 0) {
      common++;
      counts.set(line, n - 1);
    }
  }
  return (2 * common) / (left.length + right.length || 1);
}

// Several identical deleted files (copies): prefer the one whose name is closest to the new one.
function pickClosest(paths: string[], target: string): string {
  const name = target.slice(target.lastIndexOf('/') + 1);
  return paths.find((p) => p.endsWith(`/${name}`)) ?? paths[0]!;
}
