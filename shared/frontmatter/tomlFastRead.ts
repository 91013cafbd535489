import { TomlDate, parse } from 'smol-toml';
import { DECLINED, type TreeRules, convertTree, textLeaf } from './fastReadTree.ts';
import { isTomlDateText } from './tomlDateText.ts';
import type { FrontMatterData } from './types.ts';

// Front matter never nests this deep; deeper sources are left to the canonical reader's limits.
const MAX_FAST_DEPTH = 16;
// A date or time given as a top-level `key = value` line, with the value's text as written: the
// canonical reader gives dates as their text, smol-toml as a Date that cannot say how it was written.
const DATE_LINE =
  /^[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?)[ \t]*(?:#.*)?$/gm;
const TABLE_HEADER = /^[ \t]*\[/m;
const MULTI_LINE_STRING = /"""|'''/;

/**
 * Reads TOML front matter data with smol-toml (warm, about five times faster than the canonical
 * reader on toml-eslint-parser, which edits need; ten times on a cold start), or returns null:
 * for errors, and where the two could differ. Dates are taken only from top-level `key = date`
 * lines before any table, with their text as written, as the canonical reader gives them;
 * any other date, multi-line strings, integers past 2^53, non-finite numbers and refused keys
 * go to the canonical reader (test/unit/frontmatter/tomlFastRead.test.ts checks they agree).
 */
export function readTomlDataFast(source: string): FrontMatterData | null {
  // A byte order mark inside the front matter: smol-toml skips it, the canonical reader refuses it.
  if (MULTI_LINE_STRING.test(source) || source.includes('\ufeff')) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(source, {
      integersAsBigInt: 'asNeeded',
      maxDepth: MAX_FAST_DEPTH,
      unsafeKeyBehaviour: 'throw',
    });
  } catch {
    return null;
  }
  const dates = topLevelDates(source);
  if (!dates) return null;
  // Top-level dates become the text they were written as; any other date declines (a leaf).
  const top: Record<string, unknown> = { ...parsed };
  for (const [key, value] of Object.entries(parsed)) {
    if (!(value instanceof TomlDate)) continue;
    const text = dates.get(key);
    if (
      text === undefined ||
      !isTomlDateText(text) ||
      new TomlDate(text).toISOString() !== value.toISOString()
    )
      return null;
    top[key] = text;
  }
  const converted = convertTree(top, 0, TOML_RULES);
  return converted.ok ? (converted.value as FrontMatterData) : null;
}

// The date lines before the first table; null when a key has two (one of them is not what it seems).
function topLevelDates(source: string): Map<string, string> | null {
  const header = TABLE_HEADER.exec(source);
  const top = header ? source.slice(0, header.index) : source;
  const dates = new Map<string, string>();
  for (const [, key, text] of top.matchAll(DATE_LINE)) {
    if (dates.has(key!)) return null;
    dates.set(key!, text!);
  }
  return dates;
}

// Text, booleans and finite numbers; a date below the top level, a bigint or anything else declines.
const TOML_RULES: TreeRules = {
  maxDepth: MAX_FAST_DEPTH,
  leaf(value) {
    if (typeof value === 'string') return textLeaf(value);
    if (typeof value === 'boolean') return { ok: true, value };
    if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
    return DECLINED;
  },
  keyAllowed: () => true,
};
