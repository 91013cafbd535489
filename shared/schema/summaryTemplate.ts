/**
 * Decap/Sveltia's `summary` templates (`"{{title}} – {{year}}-{{month}}"`, `{{fields.x}}`,
 * `{{date | date('YYYY-MM-DD')}}`): parsed once, rendered for each row of the list. Pure.
 */

/** A value a placeholder stands for: a text, a number, true/false, a list, or nothing. */
export type SummaryValue = string | number | boolean | readonly (string | number)[] | null;

/** What a placeholder of a template reads, by name (`title`, `author`, `slug`, `year`...). */
export type SummaryLookup = (name: string) => SummaryValue;

interface Filter {
  name: string;
  args: (string | number)[];
}

interface Placeholder {
  /** The key read: a front matter key (`fields.` taken off), or one of ENTRY_NAMES / DATE_NAMES. */
  name: string;
  filters: Filter[];
}

/** A parsed template: literal texts and placeholders, in order. */
export type SummaryPart = string | Placeholder;

/** Placeholders that name the entry's file rather than a front matter key. */
export const ENTRY_NAMES = ['slug', 'filename', 'extension', 'dirname', 'path'] as const;
/** Placeholders that are parts of the entry's date. */
export const DATE_NAMES = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
/** The filters Folio applies as Decap does. */
export const SUMMARY_FILTERS = [
  'upper',
  'lower',
  'date',
  'default',
  'ternary',
  'truncate',
] as const;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** A template split into its parts, with a sentence for each part Folio cannot render (shown empty). */
export function parseSummaryTemplate(template: string): {
  parts: SummaryPart[];
  problems: string[];
} {
  const parts: SummaryPart[] = [];
  const problems: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    last = match.index + match[0].length;
    const [head = '', ...rest] = splitPipes(match[1]!);
    let name = head.trim();
    if (name.startsWith('fields.')) name = name.slice('fields.'.length);
    if (name === '' || name.includes('.') || name.startsWith('commit_')) {
      problems.push(
        name.startsWith('commit_')
          ? `{{${head.trim()}}}: Folio's list has no commit date or author per row; it shows nothing there.`
          : `{{${head.trim()}}}: only top-level keys are shown in the list; it shows nothing there.`,
      );
    }
    const filters: Filter[] = [];
    for (const text of rest) {
      const filter = parseFilter(text.trim());
      if (filter && (SUMMARY_FILTERS as readonly string[]).includes(filter.name))
        filters.push(filter);
      else
        problems.push(
          `The filter "${text.trim()}" of {{${match[1]}}} is not one Folio knows: left out.`,
        );
    }
    parts.push({ name, filters });
  }
  if (last < template.length) parts.push(template.slice(last));
  return { parts, problems };
}

// Pipes outside quotes: `date | date('YYYY | MM')` has one.
function splitPipes(text: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '|') {
      out.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  out.push(current);
  return out;
}

function parseFilter(text: string): Filter | null {
  const match = /^([a-z_]+)\s*(?:\((.*)\))?$/i.exec(text);
  if (!match) return null;
  const args: (string | number)[] = [];
  const list = match[2]?.trim();
  if (list) {
    for (const arg of list.matchAll(/\s*('([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?))\s*(?:,|$)/g))
      args.push(arg[4] !== undefined ? Number(arg[4]) : (arg[2] ?? arg[3] ?? ''));
  }
  return { name: match[1]!.toLowerCase(), args };
}

/** The text of a parsed template for one entry: each placeholder's value through its filters ('' when absent). */
export function renderSummary(parts: readonly SummaryPart[], lookup: SummaryLookup): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let value: SummaryValue = part.name ? lookup(part.name) : null;
    for (const filter of part.filters) value = applyFilter(filter, value);
    out += textOf(value);
  }
  return out.replace(/\s+/g, ' ').trim();
}

function textOf(value: SummaryValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function isEmpty(value: SummaryValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function applyFilter({ name, args }: Filter, value: SummaryValue): SummaryValue {
  switch (name) {
    case 'upper':
      return isEmpty(value) ? value : textOf(value).toUpperCase();
    case 'lower':
      return isEmpty(value) ? value : textOf(value).toLowerCase();
    case 'default':
      return isEmpty(value) || value === false ? String(args[0] ?? '') : value;
    case 'ternary':
      return String((value !== false && !isEmpty(value) ? args[0] : args[1]) ?? '');
    case 'truncate': {
      const text = textOf(value);
      const max = typeof args[0] === 'number' ? args[0] : Infinity;
      return text.length > max ? text.slice(0, max) + String(args[1] ?? '') : text;
    }
    case 'date':
      return typeof value === 'string' ? formatDate(value, String(args[0] ?? 'YYYY-MM-DD')) : value;
    default:
      return value;
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The wall-clock fields of a date as written (`2025-04-18T10:00:00-06:00` is 18 April, 10:00), or null. */
export function dateFields(text: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  return { year: year!, month: month!, day: day!, hour, minute, second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date as written, formatted with Day.js/Moment tokens as Decap's `date('…')` filter does (YYYY, MM, DD, MMM, HH, mm...; `[text]` kept). */
export function formatDate(text: string, format: string): string {
  const f = dateFields(text);
  if (!f) return text;
  const weekday = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const tokens: Record<string, string> = {
    YYYY: String(f.year),
    YY: pad(f.year % 100),
    MMMM: MONTHS[f.month - 1]!,
    MMM: MONTHS[f.month - 1]!.slice(0, 3),
    MM: pad(f.month),
    M: String(f.month),
    DD: pad(f.day),
    D: String(f.day),
    dddd: WEEKDAYS[weekday]!,
    ddd: WEEKDAYS[weekday]!.slice(0, 3),
    HH: pad(f.hour),
    H: String(f.hour),
    hh: pad(hour12),
    h: String(hour12),
    mm: pad(f.minute),
    m: String(f.minute),
    ss: pad(f.second),
    s: String(f.second),
    A: f.hour < 12 ? 'AM' : 'PM',
    a: f.hour < 12 ? 'am' : 'pm',
  };
  return format.replace(
    /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a/g,
    (token, literal: string | undefined) => literal ?? tokens[token] ?? token,
  );
}

/** The date part a DATE_NAMES placeholder names, zero-padded as Decap pads it, or null. */
export function datePart(date: string | null, name: string): string | null {
  const f = date ? dateFields(date) : null;
  if (!f || !(name in f)) return null;
  const value = f[name as keyof typeof f];
  return name === 'year' ? String(value) : pad(value);
}
