import { splitFrontMatter } from '../../shared/frontmatter/detect.ts';
import {
  FrontMatterError,
  parseDocumentData,
  type FrontMatterData,
  type FrontMatterFormat,
} from '../../shared/frontmatter/index.ts';
import { LONG_TEXT } from '../../shared/fields/constants.ts';
import { decodeText } from './decodeText.ts';
import { foldText, oneByte } from './foldText.ts';
import { fieldShapes } from './inferFields.ts';
import { dateStamps } from './status/dateStamps.ts';

// Search looks at the first 256 K characters of a body: enough for any post, bounded for odd files.
const MAX_SEARCH_CHARS = 256 * 1024;

/** Why a file is shown read-only. */
export interface ParseProblem {
  message: string;
  line?: number;
  column?: number;
}

/** What the list, filters, search and field inference need from one file version (one blob). */
export interface DocumentSummary {
  format: FrontMatterFormat;
  title: string | null;
  date: string | null;
  /** `date` as epoch milliseconds, for sorting; null when absent or unreadable. */
  dateValue: number | null;
  draft: boolean;
  /** The top-level keys whose value is true (`featured`, `pinned`...): the list's one-click flags. */
  flags: string[];
  /**
   * Top-level date values with an offset, as epoch ms by lowercase key (null: none). With
   * `wallTimes` they let the entry's status be worked out under any `[frontmatter]` config.
   */
  instants: Record<string, number> | null;
  /** Top-level dates written without an offset, their wall-clock fields as if UTC (null: none). */
  wallTimes: Record<string, number> | null;
  tags: string[];
  categories: string[];
  authors: string[];
  /**
   * Short top-level values by key, for the list's field filters, sort and columns: strings of at
   * most LONG_TEXT characters on one line and numbers, alone or in a list (null: none). Title,
   * date, booleans (see `flags`), `tags`, `categories` and `authors` are kept apart, not here.
   */
  values: Record<string, (string | number)[]> | null;
  /** The front matter's keys as field inference needs them (see fieldShapes; null when unparseable). */
  fields: string | null;
  /** Hugo's `translationKey` (any case of the key), which links translations; null when absent. */
  translationKey: string | null;
  /**
   * Folded title and body, for full-text search; null until filled in, when a full build left it
   * for after its first answer (see SearchTextFill).
   */
  search: string | null;
  error: ParseProblem | null;
}

/**
 * Parses one file version and keeps what listing needs; never throws for bad content. With
 * `deferSearch`, a parsed file's search text is left null for searchTextOf to fill in later.
 */
export function summarizeDocument(
  bytes: Uint8Array,
  options: { deferSearch?: boolean } = {},
): DocumentSummary {
  const text = decodeText(bytes);
  if (text === null) return failed({ message: 'The file is not UTF-8 text.' }, '');
  let data: FrontMatterData;
  let body: string;
  let format: FrontMatterFormat;
  try {
    ({ data, body, format } = parseDocumentData(text));
  } catch (err) {
    return failed(toParseProblem(err), text);
  }
  const title =
    typeof data.title === 'string'
      ? detach(data.title)
      : typeof data.title === 'number'
        ? String(data.title)
        : null;
  const draft = hugoDraft(data);
  const date = typeof data.date === 'string' ? detach(data.date) : null;
  const parsedDate = date === null ? NaN : Date.parse(date);
  return {
    format,
    title,
    date,
    dateValue: Number.isNaN(parsedDate) ? null : parsedDate,
    draft,
    // A `published: false` page is Hugo's draft: its Draft switch is on (turning it off writes
    // `draft: false`, which Hugo then follows).
    flags: draft && !isTrue(data.draft) ? [...trueKeys(data), 'draft'] : trueKeys(data),
    ...dateStamps(data),
    tags: stringList(data.tags),
    categories: stringList(data.categories),
    authors: stringList(data.authors),
    values: shortValues(data),
    fields: fieldShapes(data),
    translationKey: translationKeyOf(data),
    search: options.deferSearch ? null : searchText(title, body),
    error: null,
  };
}

// Hugo reads front matter keys without case; a number is a key too.
function translationKeyOf(data: FrontMatterData): string | null {
  const key = Object.keys(data).find((k) => k.toLowerCase() === 'translationkey');
  const value = key === undefined ? undefined : data[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * The search text of a file version summarizeDocument parsed (so its front matter splits): the
 * same as summarizeDocument would have made, from the bytes and the summary's title.
 */
export function searchTextOf(bytes: Uint8Array, title: string | null): string {
  const text = decodeText(bytes);
  if (text === null) throw new Error('The file is no longer the text it was summarized from.');
  return searchText(title, text.slice(splitFrontMatter(text).bodyStart));
}

/**
 * A file's search text: its folded title, then the distinct words of its folded body (folded
 * apart: folding the joined text would first copy the whole body into it). See distinctWords.
 */
export function searchText(title: string | null, body: string): string {
  return oneByte(
    `${foldText(title ?? '')}\n${distinctWords(foldText(body.slice(0, MAX_SEARCH_CHARS)))}`,
  );
}

/**
 * The distinct whitespace-separated words of `text`, in order of first use, joined by spaces.
 * Search terms never hold whitespace (a query is split on it), so a term is in `text` exactly
 * when it is in this: a match lies inside one word. A post uses most of its words many times, so
 * this is a half to a tenth of the body, in memory and for every search to scan.
 */
export function distinctWords(text: string): string {
  const words = new Set(text.split(/\s+/));
  words.delete('');
  return [...words].join(' ');
}

/** The error of a file that cannot be parsed, with its line and column when known (any error is accepted). */
export function toParseProblem(err: unknown): ParseProblem {
  if (err instanceof FrontMatterError) {
    const problem: ParseProblem = { message: err.message };
    if (err.line !== undefined) problem.line = err.line;
    if (err.column !== undefined) problem.column = err.column;
    return problem;
  }
  // A bug in a parser must not take the whole list down: the file is shown read-only instead.
  console.error('Unexpected front matter parser failure:', err);
  return { message: 'Folio could not read this file.' };
}

/** The summary of a file Folio cannot read at all (its content is missing), saying why. */
export function unreadableSummary(message: string): DocumentSummary {
  return failed({ message }, '');
}

function failed(error: ParseProblem, text: string): DocumentSummary {
  return {
    format: 'none',
    title: null,
    date: null,
    dateValue: null,
    draft: false,
    flags: [],
    instants: null,
    wallTimes: null,
    tags: [],
    categories: [],
    authors: [],
    values: null,
    fields: null,
    translationKey: null,
    search: oneByte(distinctWords(foldText(text.slice(0, MAX_SEARCH_CHARS)))),
    error,
  };
}

// Hugo's draft: the `draft` key when there is one (it wins, with a warning, over `published`),
// else the inverse of Hugo's undocumented `published: false` (a boolean, or a text Go reads as
// one; a date under `published` is a publish date, not this).
function hugoDraft(data: FrontMatterData): boolean {
  if ('draft' in data) return isTrue(data.draft);
  const published = data.published;
  if (published === false || published === 0) return true;
  return typeof published === 'string' && GO_FALSE.has(published);
}
const GO_FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

// Hugo reads `draft: "true"` as true too.
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

// The keys set to true: which flags a row shows on, whatever the site names them.
function trueKeys(data: FrontMatterData): string[] {
  const keys: string[] = [];
  for (const key in data) if (isTrue(data[key])) keys.push(detach(key));
  return keys;
}

// Kept elsewhere in the summary (or as flags), so not repeated in `values`.
const APART = new Set(['title', 'date', 'tags', 'categories', 'authors']);

// The short values of the top-level keys, as `values` keeps them.
function shortValues(data: FrontMatterData): Record<string, (string | number)[]> | null {
  let values: Record<string, (string | number)[]> | null = null;
  for (const key in data) {
    if (APART.has(key)) continue;
    const value = data[key];
    const items = (Array.isArray(value) ? value : [value]).filter(isShort);
    if (items.length === 0) continue;
    values ??= {};
    values[detach(key)] = items.map((v) => (typeof v === 'string' ? detach(v) : v));
  }
  return values;
}

function isShort(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isFinite(value);
  return (
    typeof value === 'string' && value !== '' && value.length <= LONG_TEXT && !value.includes('\n')
  );
}

// `tags: x` and `tags: [x]` both mean one tag.
function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value ? [detach(value)] : [];
  if (!Array.isArray(value)) return [];
  return value
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .map((v) => detach(String(v)));
}

/**
 * A copy of `text` that does not hold on to the string it was cut from. Parsers return values as
 * slices of the file's text, and V8 keeps the whole parent string alive as long as a slice is: a
 * summary of every post would otherwise keep every file's full text in memory.
 */
function detach(text: string): string {
  // V8 copies a cut shorter than this instead of pointing into the parent (SlicedString::kMinLength).
  return text.length < 13 ? text : (' ' + text).slice(1);
}
