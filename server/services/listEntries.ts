import { z } from 'zod';
import type { EntryList, EntryListQuery, EntrySummary } from '../../shared/api/contract.ts';
import { ValidationError } from '../errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { IndexSnapshot, IndexedEntry } from './EntryIndex.ts';
import { fallbackTitle } from './entryPaths.ts';
import { foldText } from './foldText.ts';
import type { WordIndex } from './wordIndex.ts';
import { builtBy, entryInstants, entryStatus } from './status/entryStatus.ts';
import type { HugoDateSettings } from './status/hugoDateSettings.ts';
import { formatInZone } from './status/zonedTime.ts';

type SortKey = EntryListQuery['sort'];

const CursorSchema = z.object({
  s: z.string(),
  v: z.union([z.number(), z.string(), z.null()]),
  id: z.string(),
});

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
): EntryList {
  const dates = snapshot.config.dates;
  const statuses = query.status ? new Set(query.status) : null;
  const sorted = sortedEntries(snapshot, query.sort);
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
  const unfiltered =
    query.collection === undefined &&
    lang === undefined &&
    query.draft === undefined &&
    flags.length === 0 &&
    statuses === null &&
    !tag &&
    !category &&
    !author &&
    terms.length === 0;
  const matches = unfiltered
    ? sorted
    : sorted.filter(
        (e) =>
          (query.collection === undefined || e.collection === query.collection) &&
          (lang === undefined || e.lang?.toLowerCase() === lang) &&
          (query.draft === undefined || e.doc.draft === query.draft) &&
          flags.every(({ name, on }) => e.doc.flags.includes(name) === on) &&
          (statuses === null || statuses.has(entryStatus(e, dates, now)!)) &&
          (tag === null || e.doc.tags.some((t) => startsWord(t, tag))) &&
          (category === null || e.doc.categories.some((c) => startsWord(c, category))) &&
          (author === null || e.doc.authors.some((a) => startsWord(a, author))) &&
          termTests.every((test) => test(e.doc)),
      );
  let start = 0;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, CursorSchema);
    if (cursor.s !== query.sort)
      throw new ValidationError('Invalid cursor: it was made for another sort order.');
    const compare = comparator(query.sort);
    const position = { value: cursor.v, id: cursor.id };
    // First row after the cursor (binary search: `matches` is sorted by the same comparator).
    let lo = 0;
    let hi = matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(keyOf(matches[mid]!, query.sort), position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = matches.slice(start, start + query.limit);
  const last = page[page.length - 1];
  const more = start + query.limit < matches.length;
  return {
    items: page.map((e) => toSummary(e, dates, now)),
    total: matches.length,
    nextCursor:
      more && last
        ? encodeCursor({ s: query.sort, v: keyOf(last, query.sort).value, id: last.id })
        : null,
  };
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
  const value = sort.endsWith('date')
    ? entry.doc.dateValue
    : foldText(entry.doc.title ?? fallbackTitle(entry));
  return { value, id: entry.id };
}

// Rows without a value (no date) come last in both directions; the id breaks ties.
function comparator(sort: SortKey): (a: SortPosition, b: SortPosition) => number {
  const direction = sort.startsWith('-') ? -1 : 1;
  return (a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
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
