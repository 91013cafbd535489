import { z } from 'zod';
import {
  FIELD_PARAM,
  type EntryList,
  type EntryListQuery,
  type EntrySummary,
} from '../../shared/api/contract.ts';
import type { Collection } from '../../shared/api/contract.ts';
import type { ViewFilter } from '../../shared/schema/siteSchema.ts';
import type { SummaryPart } from '../../shared/schema/summaryTemplate.ts';
import { ValidationError } from '../errors.ts';
import { matchesView, summaryTitle } from './listPresets.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { IndexSnapshot, IndexedEntry } from './EntryIndex.ts';
import { fallbackTitle } from './entryPaths.ts';
import { foldText } from './foldText.ts';
import type { WordIndex } from './wordIndex.ts';
import { builtBy, entryInstants, entryStatus } from './status/entryStatus.ts';
import type { HugoDateSettings } from './status/hugoDateSettings.ts';
import { formatInZone } from './status/zonedTime.ts';

type SortKey = string;

/** What the site's schema adds to a listing: the default sort and the columns of each collection. */
export interface ListSettings {
  /** The sort when the query names none (`-date`, `title`, `field.weight`...). */
  defaultSort: string;
  /** The keys of the columns each collection's rows carry, by collection name. */
  columns: ReadonlyMap<string, readonly ColumnSpec[]>;
  /** Field filter keys matched as whole values (select fields); the others match word starts, as tags do. */
  exact: ReadonlySet<string>;
  /** The rows' title templates (Decap's `summary`), parsed, by collection name. */
  summaries?: ReadonlyMap<string, readonly SummaryPart[]>;
  /** The preset filter the query names (`view=`), resolved against the collection in view. */
  view?: ViewFilter;
  /** Set when the collection in view is a `files` collection: its rows are its declared files. */
  files?: Collection;
}

/** A column of the list: a front matter key, and whether it holds a boolean. */
export interface ColumnSpec {
  name: string;
  boolean: boolean;
}

const NO_SETTINGS: ListSettings = { defaultSort: '-date', columns: new Map(), exact: new Set() };

const CursorSchema = z.object({
  s: z.string(),
  v: z.union([z.number(), z.string(), z.null()]),
  id: z.string(),
});

/**
 * True when `entry` is in the collection `name`: its section, or a declared folder inside one
 * (`posts/2024`), which holds the entries below that folder in any language's content folder.
 */
export function inCollection(entry: IndexedEntry, name: string): boolean {
  if (entry.collection === name) return true;
  const slash = name.indexOf('/');
  return (
    slash > 0 &&
    entry.collection === name.slice(0, slash) &&
    entry.id.startsWith(`${entry.root.dir}/${name}/`)
  );
}

/** True when `value`, or one of its words, starts with the folded `prefix` ("Kube" in "Kubernetes", "lucia" in "Lucía Fernández"). */
function startsWord(value: string, prefix: string): boolean {
  const folded = foldText(value);
  return folded.startsWith(prefix) || folded.includes(` ${prefix}`);
}

/**
 * Filters, sorts and pages the entries of a snapshot. Pages are keyset-based (sort value and id of
 * the last row), so saves made between two pages neither repeat nor skip rows.
 */
export function listEntries(
  snapshot: IndexSnapshot,
  query: EntryListQuery,
  now: number = Date.now(),
  words: WordIndex | null = null,
  settings: ListSettings = NO_SETTINGS,
): EntryList {
  const dates = snapshot.config.dates;
  const sort = query.sort ?? settings.defaultSort;
  const statuses = query.status ? new Set(query.status) : null;
  const sorted = sortedEntries(snapshot, sort);
  const terms = query.q ? foldText(query.q).split(/\s+/).filter(Boolean) : [];
  // Each term's test: the word index's answer for the summaries it holds, else a scan.
  const termTests = terms.map((t) =>
    words ? words.matcher(t) : (doc: IndexedEntry['doc']) => readySearchText(doc).includes(t),
  );
  const tag = query.tag ? foldText(query.tag) : null;
  const category = query.category ? foldText(query.category) : null;
  const author = query.author ? foldText(query.author) : null;
  const lang = query.lang?.toLowerCase();
  const flags = query.flag ?? [];
  const fieldFilters = Object.entries(query.fields ?? {}).map(([key, wanted]) => ({
    key,
    wanted: wanted.map(foldText),
    exact: settings.exact.has(key),
  }));
  const unfiltered =
    query.collection === undefined &&
    lang === undefined &&
    query.draft === undefined &&
    flags.length === 0 &&
    fieldFilters.length === 0 &&
    !settings.view &&
    statuses === null &&
    !tag &&
    !category &&
    !author &&
    terms.length === 0;
  const matches = unfiltered
    ? sorted
    : sorted.filter(
        (e) =>
          (query.collection === undefined || inCollection(e, query.collection)) &&
          (lang === undefined || e.lang?.toLowerCase() === lang) &&
          (query.draft === undefined || e.doc.draft === query.draft) &&
          flags.every(({ name, on }) => e.doc.flags.includes(name) === on) &&
          (statuses === null || statuses.has(entryStatus(e, dates, now)!)) &&
          (tag === null || e.doc.tags.some((t) => startsWord(t, tag))) &&
          (category === null || e.doc.categories.some((c) => startsWord(c, category))) &&
          (author === null || e.doc.authors.some((a) => startsWord(a, author))) &&
          fieldFilters.every((f) => matchesField(e, f.key, f.wanted, f.exact)) &&
          (!settings.view || matchesView(e, settings.view)) &&
          termTests.every((test) => test(e.doc)),
      );
  let start = 0;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, CursorSchema);
    if (cursor.s !== sort)
      throw new ValidationError('Invalid cursor: it was made for another sort order.');
    const compare = comparator(sort);
    const position = { value: cursor.v, id: cursor.id };
    // First row after the cursor (binary search: `matches` is sorted by the same comparator).
    let lo = 0;
    let hi = matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(keyOf(matches[mid]!, sort), position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = matches.slice(start, start + query.limit);
  const last = page[page.length - 1];
  const more = start + query.limit < matches.length;
  return {
    items: page.map((e) => {
      // In a declared folder inside a section, the rows take that collection's columns and titles.
      const key = query.collection ?? e.collection;
      return withColumns(
        summaryTitle(toSummary(e, dates, now), e, settings.summaries, key),
        e,
        settings.columns.get(key),
      );
    }),
    total: matches.length,
    nextCursor:
      more && last ? encodeCursor({ s: sort, v: keyOf(last, sort).value, id: last.id }) : null,
    sort,
  };
}

/** The short values of `key` an entry's summary holds (`tags`, `categories`, `authors` are kept apart). */
export function valuesOf(entry: IndexedEntry, key: string): readonly (string | number)[] {
  const { doc } = entry;
  if (key === 'tags') return doc.tags;
  if (key === 'categories') return doc.categories;
  if (key === 'authors') return doc.authors;
  return doc.values?.[key] ?? [];
}

// Any of the wanted (folded) values: the whole value for a select, else the start of a word, as the tag filter.
function matchesField(entry: IndexedEntry, key: string, wanted: string[], exact: boolean): boolean {
  return valuesOf(entry, key).some((value) => {
    const text = String(value);
    return wanted.some((w) => (exact ? foldText(text) === w : startsWord(text, w)));
  });
}

// The row with the values of its collection's columns.
function withColumns(
  summary: EntrySummary,
  entry: IndexedEntry,
  specs: readonly ColumnSpec[] | undefined,
): EntrySummary {
  if (!specs?.length) return summary;
  const values: NonNullable<EntrySummary['columns']> = {};
  for (const { name, boolean } of specs) {
    if (boolean) {
      values[name] = entry.doc.flags.includes(name);
      continue;
    }
    const found = valuesOf(entry, name);
    if (found.length === 1 && typeof found[0] === 'number') values[name] = found[0];
    else if (found.length === 1) values[name] = String(found[0]);
    else if (found.length > 1) values[name] = found.map(String);
  }
  return { ...summary, columns: values };
}

/** The list row of an entry, its status as of `now`. */
export function toSummary(entry: IndexedEntry, dates: HugoDateSettings, now: number): EntrySummary {
  const status = entryStatus(entry, dates, now);
  const summary: EntrySummary = {
    id: entry.id,
    collection: entry.collection,
    title: entry.doc.title ?? fallbackTitle(entry),
    date: entry.doc.date,
    draft: entry.doc.draft,
    flags: entry.doc.flags,
    status,
    tags: entry.doc.tags,
    categories: entry.doc.categories,
    authors: entry.doc.authors,
    lang: entry.lang,
    oid: entry.oid,
  };
  if (entry.doc.error) summary.error = entry.doc.error.message;
  const at = statusInstant(entry, dates, status);
  if (at !== null) summary.statusAt = formatInZone(at, dates.timeZone);
  const built = builtBy(entry, dates, now, status);
  if (built) summary.builtBy = built;
  return summary;
}

// The instant a status names: when a scheduled entry goes live, or an expired one went offline.
function statusInstant(
  entry: IndexedEntry,
  dates: HugoDateSettings,
  status: EntrySummary['status'],
): number | null {
  if (status !== 'scheduled' && status !== 'expired') return null;
  const { publish, expiry } = entryInstants(entry, dates);
  return status === 'expired' ? expiry : publish;
}

interface SortPosition {
  value: number | string | null;
  id: string;
}

function keyOf(entry: IndexedEntry, sort: SortKey): SortPosition {
  const name = sort.replace(/^-/, '');
  if (name.startsWith(FIELD_PARAM)) {
    const first = valuesOf(entry, name.slice(FIELD_PARAM.length))[0];
    const value = first === undefined ? null : typeof first === 'number' ? first : foldText(first);
    return { value, id: entry.id };
  }
  const value =
    name === 'date' ? entry.doc.dateValue : foldText(entry.doc.title ?? fallbackTitle(entry));
  return { value, id: entry.id };
}

// Rows without a value (no date) come last in both directions, numbers before texts; the id breaks ties.
function comparator(sort: SortKey): (a: SortPosition, b: SortPosition) => number {
  const direction = sort.startsWith('-') ? -1 : 1;
  return (a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      if (typeof a.value !== typeof b.value) return typeof a.value === 'number' ? -1 : 1;
      return (a.value < b.value ? -1 : 1) * direction;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function sortedEntries(snapshot: IndexSnapshot, sort: SortKey): IndexedEntry[] {
  const memoKey = `sorted:${sort}`;
  const cached = snapshot.memo.get(memoKey) as IndexedEntry[] | undefined;
  if (cached) return cached;
  const compare = comparator(sort);
  const previous = snapshot.base?.memo.get(memoKey) as IndexedEntry[] | undefined;
  let sorted: IndexedEntry[];
  if (previous && snapshot.base && snapshot.base.changed.size < 1000) {
    // A save changes a few entries: keep the previous order and re-place only those.
    const changed = snapshot.base.changed;
    sorted = previous.filter((e) => !changed.has(e.id));
    for (const id of changed) {
      const entry = snapshot.entries.get(id);
      if (!entry) continue;
      const key = keyOf(entry, sort);
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compare(keyOf(sorted[mid]!, sort), key) < 0) lo = mid + 1;
        else hi = mid;
      }
      sorted.splice(lo, 0, entry);
    }
  } else {
    sorted = [...snapshot.entries.values()]
      .map((entry) => ({ entry, key: keyOf(entry, sort) }))
      .sort((a, b) => compare(a.key, b.key))
      .map((x) => x.entry);
  }
  snapshot.memo.set(memoKey, sorted);
  return sorted;
}

// EntryService searches a snapshot only once its search texts are filled in (EntryIndex.searchable).
function readySearchText(doc: IndexedEntry['doc']): string {
  if (doc.search === null) throw new Error('A search text is not ready.');
  return doc.search;
}
