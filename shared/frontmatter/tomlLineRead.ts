import { textLeaf } from './fastReadTree.ts';
import { isForbiddenKey } from './limits.ts';
import { isTomlDateText } from './tomlDateText.ts';
import type { FrontMatterData, FrontMatterValue } from './types.ts';

// Characters this reader never takes: control characters but the tab, a CR not before an LF, a
// byte order mark. The other readers say what such a source means.
const UNUSUAL_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]|\r(?!\n)/;
const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * A value read from its line: a leaf or a list of leaves, the kind a list's items must share, and
 * where it ends on the line.
 */
type LineValue = { ok: true; value: FrontMatterValue; kind: string; end: number } | { ok: false };
const NOT_READ: LineValue = { ok: false };

/**
 * Reads the plainest TOML front matter: top-level `key = value` lines with strings (no escapes),
 * booleans, decimal numbers, dates and times (given as their text, as the canonical reader gives
 * them) and one-line lists of strings, numbers or booleans. Anything else (tables, dotted or
 * quoted keys, escapes, multi-line values, inline tables, special numbers) makes it return null,
 * and the next reader takes the source. One pass over the lines with no parser behind it: several
 * times faster than smol-toml on a cold start. On what it accepts it gives the same data as the
 * canonical reader (test/unit/frontmatter/tomlFastRead.test.ts).
 */
export function readTomlLines(source: string): FrontMatterData | null {
  if (UNUSUAL_CHARACTER.test(source)) return null;
  const root: FrontMatterData = {};
  let keys = 0;
  for (let start = 0; start < source.length;) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    const next = end + 1;
    if (source.charCodeAt(end - 1) === 0x0d) end--;
    const at = skipBlanks(source, start, end);
    start = next;
    if (at === end || source.charCodeAt(at) === 0x23) continue; // blank or comment
    const equals = source.indexOf('=', at);
    if (equals === -1 || equals >= end) return null;
    const key = trimBlanks(source.slice(at, equals));
    if (!BARE_KEY.test(key) || isForbiddenKey(key) || Object.hasOwn(root, key)) return null;
    const value = readValue(source, skipBlanks(source, equals + 1, end), end, false);
    if (!value.ok || !onlyCommentAfter(source, value.end, end)) return null;
    root[key] = value.value;
    keys++;
  }
  return keys > 0 ? root : null;
}

// The value written from `at` to the end of its line (`end`), a comment after it allowed. In a
// list (`inList`), one item: it ends at a comma or the closing bracket instead.
function readValue(source: string, at: number, end: number, inList: boolean): LineValue {
  const c = source.charCodeAt(at);
  if (c === 0x22 || c === 0x27) {
    // "basic" or 'literal', closed on the line; a basic string with an escape is left to the others.
    const close = source.indexOf(source[at]!, at + 1);
    if (close === -1 || close >= end || (close === at + 1 && source.charCodeAt(at + 2) === c))
      return NOT_READ;
    const text = source.slice(at + 1, close);
    if (c === 0x22 && text.includes('\\')) return NOT_READ;
    return textLeaf(text).ok ? { ok: true, value: text, kind: 'string', end: close + 1 } : NOT_READ;
  }
  if (c === 0x5b) return inList ? NOT_READ : readList(source, at + 1, end);
  let stop = at;
  while (stop < end && !stopsBare(source.charCodeAt(stop), inList)) stop++;
  return bareLeaf(trimBlanks(source.slice(at, stop)), inList, stop);
}

// Where a bare value ends: a comment, or in a list a comma or the closing bracket.
function stopsBare(c: number, inList: boolean): boolean {
  return c === 0x23 || (inList && (c === 0x2c || c === 0x5d));
}

// `true`, `false`, a decimal number or (outside lists) a date or time as its text, ending at `end`.
function bareLeaf(text: string, inList: boolean, end: number): LineValue {
  if (text === 'true' || text === 'false')
    return { ok: true, value: text === 'true', kind: 'boolean', end };
  if (INTEGER.test(text) || FLOAT.test(text)) {
    const value = Number(text);
    // Past 2^53 the canonical reader gives a bigint; -0 and an overflow are left to it too.
    if (!Number.isFinite(value) || (value === 0 && text[0] === '-')) return NOT_READ;
    if (INTEGER.test(text) && !Number.isSafeInteger(value)) return NOT_READ;
    return { ok: true, value, kind: 'number', end };
  }
  if (!inList && isTomlDateText(text)) return { ok: true, value: text, kind: 'date', end };
  return NOT_READ;
}

// `[a, "b", 3]` from after its bracket to the end of the line: items of one kind, a trailing comma allowed.
function readList(source: string, at: number, end: number): LineValue {
  const items: FrontMatterValue[] = [];
  let kind = '';
  for (let i = skipBlanks(source, at, end); ;) {
    if (source.charCodeAt(i) === 0x5d) return { ok: true, value: items, kind: 'list', end: i + 1 };
    const item = readValue(source, i, end, true);
    if (!item.ok || (kind && item.kind !== kind)) return NOT_READ;
    kind = item.kind;
    items.push(item.value);
    i = skipBlanks(source, item.end, end);
    if (source.charCodeAt(i) === 0x2c) i = skipBlanks(source, i + 1, end);
    else if (source.charCodeAt(i) !== 0x5d) return NOT_READ;
  }
}

// Nothing but blanks after `at` on the line, or blanks then a comment.
function onlyCommentAfter(source: string, at: number, end: number): boolean {
  const next = skipBlanks(source, at, end);
  return next === end || source.charCodeAt(next) === 0x23;
}

// TOML's blanks are spaces and tabs.
function skipBlanks(source: string, at: number, end: number): number {
  while (at < end && (source.charCodeAt(at) === 0x20 || source.charCodeAt(at) === 0x09)) at++;
  return at;
}

function trimBlanks(text: string): string {
  const from = skipBlanks(text, 0, text.length);
  let to = text.length;
  while (to > from && (text.charCodeAt(to - 1) === 0x20 || text.charCodeAt(to - 1) === 0x09)) to--;
  return text.slice(from, to);
}
