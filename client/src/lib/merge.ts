import type { FrontMatter, JsonValue } from '../../../shared/api/contract.ts';
import type { EntryDoc } from './autosave.ts';
import { jsonEqual } from './jsonEqual.ts';
import { conflictCount, merge3, resolveMerge, type MergeChunk } from './merge3.ts';

/** Which side a merged field takes; `combined` (body only) applies both sides' line changes. */
export type MergeChoice = 'theirs' | 'mine' | 'combined';

/** One field (front matter key or the body) on which their version and mine differ. */
export interface MergeRow {
  /** Front matter key, or null for the body. */
  key: string | null;
  theirs: JsonValue | undefined;
  mine: JsonValue | undefined;
  /** Preselected choice when only one side changed it (or both body changes combine); null when both changed it. */
  auto: MergeChoice | null;
  /** The body with both sides' changes, when they apply cleanly. */
  combined?: string;
  /** The body's three-way merge against the base (body row, base known). */
  chunks?: MergeChunk[];
  /** The base's value (absent when the base is unknown or lacks the key). */
  base?: JsonValue;
}

/**
 * The fields on which `theirs` and `mine` differ, each with its automatic choice against `base`
 * (the version both started from; null when unknown, which makes every difference a conflict).
 */
export function buildMerge(base: EntryDoc | null, theirs: EntryDoc, mine: EntryDoc): MergeRow[] {
  const rows: MergeRow[] = [];
  for (const key of unionKeys(theirs.frontMatter, mine.frontMatter)) {
    const t = theirs.frontMatter[key];
    const m = mine.frontMatter[key];
    if (jsonEqual(t, m)) continue;
    rows.push({
      key,
      theirs: t,
      mine: m,
      auto: autoChoice(base ? base.frontMatter[key] : undefined, t, m, base !== null),
      ...(base && base.frontMatter[key] !== undefined ? { base: base.frontMatter[key] } : {}),
    });
  }
  if (theirs.body !== mine.body) {
    const auto = autoChoice(base?.body, theirs.body, mine.body, base !== null);
    const chunks = base ? merge3(base.body, theirs.body, mine.body) : undefined;
    const combined =
      chunks && auto === null && conflictCount(chunks) === 0
        ? (resolveMerge(chunks, []) ?? undefined)
        : undefined;
    rows.push({
      key: null,
      theirs: theirs.body,
      mine: mine.body,
      auto: combined !== undefined ? 'combined' : auto,
      ...(combined !== undefined ? { combined } : {}),
      ...(base ? { base: base.body, chunks } : {}),
    });
  }
  return rows;
}

/** The merged document: their version with each row's chosen side applied (`body`: the body as settled conflict by conflict). */
export function applyMerge(
  theirs: EntryDoc,
  mine: EntryDoc,
  rows: MergeRow[],
  choices: Record<string, MergeChoice>,
  body?: string,
): EntryDoc {
  const chosen = new Map(rows.map((row) => [row.key, choices[rowId(row)] ?? row.auto ?? 'theirs']));
  const frontMatter: FrontMatter = {};
  for (const key of unionKeys(theirs.frontMatter, mine.frontMatter)) {
    const value = chosen.get(key) === 'mine' ? mine.frontMatter[key] : theirs.frontMatter[key];
    if (value !== undefined) frontMatter[key] = value;
  }
  if (body !== undefined) return { frontMatter, body };
  const bodyRow = rows.find((row) => row.key === null);
  const bodyChoice = chosen.get(null);
  const merged =
    bodyChoice === 'mine'
      ? mine.body
      : bodyChoice === 'combined' && bodyRow?.combined !== undefined
        ? bodyRow.combined
        : theirs.body;
  return { frontMatter, body: merged };
}

/** Stable id of a row for choices and form controls. */
export const rowId = (row: MergeRow) => (row.key === null ? 'body' : `fm:${row.key}`);

function autoChoice(
  base: JsonValue | undefined,
  theirs: JsonValue | undefined,
  mine: JsonValue | undefined,
  known: boolean,
): MergeChoice | null {
  if (!known) return null;
  if (jsonEqual(mine, base)) return 'theirs';
  if (jsonEqual(theirs, base)) return 'mine';
  return null;
}

/** Their keys in their order, then keys only mine has, in my order. */
function unionKeys(a: FrontMatter, b: FrontMatter): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

/** Both sides' line changes applied to the base (a three-way merge); undefined when they touch the same lines differently. */
export function combineText(base: string, theirs: string, mine: string): string | undefined {
  const chunks = merge3(base, theirs, mine);
  return conflictCount(chunks) ? undefined : (resolveMerge(chunks, []) ?? undefined);
}
