import type { EntrySummary } from '../../shared/api/contract.ts';
import type { ViewFilter } from '../../shared/schema/siteSchema.ts';
import {
  DATE_NAMES,
  datePart,
  renderSummary,
  type SummaryPart,
  type SummaryValue,
} from '../../shared/schema/summaryTemplate.ts';
import type { IndexedEntry } from './EntryIndex.ts';
import { fallbackTitle } from './entryPaths.ts';

// The texts a top-level key holds in an entry's summary (title, date, draft and the flags included).
function textsOf(entry: IndexedEntry, field: string): string[] {
  const { doc } = entry;
  if (field === 'title') return doc.title === null ? [] : [doc.title];
  if (field === 'date') return doc.date === null ? [] : [doc.date];
  if (field === 'draft') return [String(doc.draft)];
  if (field === 'tags') return doc.tags;
  if (field === 'categories') return doc.categories;
  if (field === 'authors') return doc.authors;
  if (doc.flags.includes(field)) return ['true'];
  return (doc.values?.[field] ?? []).map(String);
}

const patterns = new Map<string, RegExp | null>();

// Decap compiles a text pattern as a regular expression (compiled once here).
function regexOf(pattern: string): RegExp | null {
  let found = patterns.get(pattern);
  if (found === undefined) {
    try {
      found = new RegExp(pattern);
    } catch {
      found = null;
    }
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, found);
  }
  return found;
}

/**
 * Whether an entry passes a preset filter as Decap's `view_filters` do: a boolean pattern is the
 * key's value (a flag, or `draft`; absent is false), a number equals the value, a text is a
 * regular expression some value matches.
 */
export function matchesView(entry: IndexedEntry, view: ViewFilter): boolean {
  const { pattern, field } = view;
  if (typeof pattern === 'boolean') {
    const on = field === 'draft' ? entry.doc.draft : entry.doc.flags.includes(field);
    return on === pattern;
  }
  const texts = textsOf(entry, field);
  if (typeof pattern === 'number') return texts.some((t) => Number(t) === pattern);
  const regex = regexOf(pattern);
  return regex !== null && texts.some((t) => regex.test(t));
}

// The entry's path inside its collection's folder, as Decap's {{path}} and {{dirname}} see it.
function inCollection(entry: IndexedEntry): string {
  const folder =
    entry.collection === '.' ? entry.root.dir : `${entry.root.dir}/${entry.collection}`;
  return entry.id.startsWith(`${folder}/`) ? entry.id.slice(folder.length + 1) : entry.id;
}

// What a placeholder of a summary template stands for in this entry.
function lookupIn(entry: IndexedEntry) {
  const { doc } = entry;
  return (name: string): SummaryValue => {
    if ((DATE_NAMES as readonly string[]).includes(name)) return datePart(doc.date, name);
    const file = entry.id.split('/').pop() ?? entry.id;
    const dot = file.lastIndexOf('.');
    switch (name) {
      case 'title':
        return doc.title ?? fallbackTitle(entry);
      case 'date':
        return doc.date;
      case 'draft':
        return doc.draft;
      case 'slug':
        return entry.slug;
      case 'filename':
        return dot > 0 ? file.slice(0, dot) : file;
      case 'extension':
        return dot > 0 ? file.slice(dot + 1) : '';
      case 'path':
        return inCollection(entry).replace(/\.[^./]+$/, '');
      case 'dirname':
        return inCollection(entry).split('/').slice(0, -1).join('/');
      case 'tags':
        return doc.tags;
      case 'categories':
        return doc.categories;
      case 'authors':
        return doc.authors;
    }
    if (doc.flags.includes(name)) return true;
    const values = doc.values?.[name];
    if (!values?.length) return null;
    return values.length === 1 ? values[0]! : values;
  };
}

/** The row with its collection's summary template as its title (kept as it was when the template renders empty). */
export function summaryTitle(
  summary: EntrySummary,
  entry: IndexedEntry,
  summaries: ReadonlyMap<string, readonly SummaryPart[]> | undefined,
  collection: string = entry.collection,
): EntrySummary {
  const parts = summaries?.get(collection);
  if (!parts || entry.doc.error) return summary;
  const title = renderSummary(parts, lookupIn(entry));
  return title ? { ...summary, title } : summary;
}
