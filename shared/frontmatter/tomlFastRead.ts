import { TomlDate, parse } from 'smol-toml';
import { hasLoneSurrogate, keyProblem } from './limits.ts';
import type { FrontMatterData, FrontMatterValue } from './types.ts';

// Front matter never nests this deep; deeper sources are left to the canonical reader's limits.
const MAX_FAST_DEPTH = 16;
// A date or time given as a top-level `key = value` line, with the value's text as written: the
// canonical reader gives dates as their text, smol-toml as a Date that cannot say how it was written.
const DATE_LINE =
  /^[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?)[ \t]*(?:#.*)?$/gm;
const TABLE_HEADER = /^[ \t]*\[/m;
const MULTI_LINE_STRING = /"""|'''/;

type Converted = { ok: true; value: FrontMatterValue } | { ok: false };
const DECLINED: Converted = { ok: false };

/**
 * Reads TOML front matter data with smol-toml (warm, about five times faster than the canonical
 * reader on toml-eslint-parser, which edits need; ten times on a cold start), or returns null:
 * for errors, and where the two could differ. Dates are taken only from top-level `key = date`
 * lines before any table, with their text as written, as the canonical reader gives them;
 * any other date, multi-line strings, integers past 2^53, non-finite numbers and refused keys
 * go to the canonical reader (test/unit/frontmatter/tomlFastRead.test.ts checks they agree).
 */
export function readTomlDataFast(source: string): FrontMatterData | null {
  if (MULTI_LINE_STRING.test(source)) return null;
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
  const out: FrontMatterData = {};
  for (const key of Object.keys(parsed)) {
    if (keyProblem(key, []) !== null) return null;
    const value = parsed[key];
    let converted: Converted;
    if (value instanceof TomlDate) {
      const text = dates.get(key);
      converted =
        text !== undefined && new TomlDate(text).toISOString() === value.toISOString()
          ? { ok: true, value: text }
          : DECLINED;
    } else {
      converted = convert(value, 1);
    }
    if (!converted.ok) return null;
    out[key] = converted.value;
  }
  return out;
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

function convert(value: unknown, depth: number): Converted {
  if (depth >= MAX_FAST_DEPTH) return DECLINED;
  if (typeof value === 'string') return hasLoneSurrogate(value) ? DECLINED : { ok: true, value };
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : DECLINED;
  if (Array.isArray(value)) {
    const out: FrontMatterValue[] = [];
    for (const item of value) {
      const converted = convert(item, depth + 1);
      if (!converted.ok) return DECLINED;
      out.push(converted.value);
    }
    return { ok: true, value: out };
  }
  // A table (a date below the top level, a bigint and anything else is declined).
  if (typeof value !== 'object' || value === null || value instanceof Date) return DECLINED;
  const out: FrontMatterData = {};
  for (const [key, item] of Object.entries(value)) {
    if (keyProblem(key, []) !== null) return DECLINED;
    const converted = convert(item, depth + 1);
    if (!converted.ok) return DECLINED;
    out[key] = converted.value;
  }
  return { ok: true, value: out };
}
