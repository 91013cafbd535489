import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../../shared/api/contract.ts';
import { parseDocument } from '../../shared/frontmatter/index.ts';
import { ObjectUnavailableError, type ObjectStore } from '../git/ObjectStore.ts';
import type { FileDelta } from '../git/treeDiff.ts';
import { decodeText } from './decodeText.ts';
import { MARKDOWN_EXTENSIONS } from './entryPaths.ts';
import { frontMatterChanges } from './frontMatterChanges.ts';

const MAX_DIFF_BYTES = 512 * 1024;
const DIFF_TIMEOUT_MS = 300;

/** Pairs a deleted and an added file with the same blob as one rename, as git does for exact renames. */
export function pairRenames(
  deltas: readonly FileDelta[],
): { delta: FileDelta; previous?: string }[] {
  const additions = new Map<string, FileDelta[]>();
  for (const d of deltas)
    if (!d.before && d.after)
      additions.set(d.after.oid, [...(additions.get(d.after.oid) ?? []), d]);
  const paired = new Set<FileDelta>();
  const out: { delta: FileDelta; previous?: string }[] = [];
  for (const d of deltas) {
    if (!d.before || d.after) continue;
    const target = additions.get(d.before.oid)?.find((a) => !paired.has(a));
    if (!target) continue;
    paired.add(target).add(d);
    out.push({
      delta: { path: target.path, before: d.before, after: target.after },
      previous: d.path,
    });
  }
  for (const d of deltas) if (!paired.has(d)) out.push({ delta: d });
  return out.sort((a, b) =>
    a.delta.path < b.delta.path ? -1 : a.delta.path > b.delta.path ? 1 : 0,
  );
}

/**
 * What one file change looks like to an editor: for Markdown, the front matter keys that changed
 * and a unified diff of the body; for other text files a diff of the whole text; binary files and
 * very large diffs get an empty diff, and so do files whose content a partial clone does not have
 * (marked `unavailable`).
 */
export async function describeFileChange(
  objects: ObjectStore,
  delta: FileDelta,
  previous?: string,
): Promise<FileChange> {
  const status = previous
    ? 'renamed'
    : !delta.before
      ? 'added'
      : !delta.after
        ? 'deleted'
        : 'modified';
  const change: FileChange = { id: delta.path, status, frontMatter: [], body: '' };
  if (previous) change.previousId = previous;
  if (delta.before) change.before = delta.before.oid;
  if (delta.after) change.after = delta.after.oid;
  let beforeText: string | null | undefined;
  let afterText: string | null | undefined;
  try {
    [beforeText, afterText] = await Promise.all([
      textOf(objects, delta.before),
      textOf(objects, delta.after),
    ]);
  } catch (err) {
    if (!(err instanceof ObjectUnavailableError)) throw err;
    change.unavailable = true;
    return change;
  }
  if (beforeText === undefined || afterText === undefined) return change;
  const markdown = MARKDOWN_EXTENSIONS.includes(
    delta.path.slice(delta.path.lastIndexOf('.') + 1).toLowerCase(),
  );
  let beforeBody = beforeText ?? '';
  let afterBody = afterText ?? '';
  if (markdown) {
    const a = parseOrNull(beforeText);
    const b = parseOrNull(afterText);
    // When either side cannot be parsed, compare whole files instead of guessing at a split.
    if ((a || beforeText === null) && (b || afterText === null)) {
      change.frontMatter = frontMatterChanges(a?.data ?? null, b?.data ?? null);
      beforeBody = a?.body ?? '';
      afterBody = b?.body ?? '';
    }
  }
  if (beforeBody !== afterBody) {
    const patch = createTwoFilesPatch(
      `a/${previous ?? delta.path}`,
      `b/${delta.path}`,
      beforeBody,
      afterBody,
      undefined,
      undefined,
      {
        context: 3,
        timeout: DIFF_TIMEOUT_MS,
      },
    );
    change.body = patch ?? '';
  }
  return change;
}

// undefined: binary or too large (no diff at all); null: the file does not exist on that side.
async function textOf(
  objects: ObjectStore,
  side: FileDelta['before'],
): Promise<string | null | undefined> {
  if (!side) return null;
  // A submodule entry names a commit of another repository: there is no blob to read.
  if (side.mode === '160000') return undefined;
  const bytes = await objects.readBlob(side.oid);
  if (bytes.length > MAX_DIFF_BYTES) return undefined;
  return decodeText(bytes) ?? undefined;
}

function parseOrNull(text: string | null) {
  if (text === null) return null;
  try {
    return parseDocument(text);
  } catch {
    return null;
  }
}
