import { IMAGE_KEYS, IMAGE_PATH, LONG_TEXT } from '../../shared/fields/constants.ts';
import type { FieldSpec } from '../../shared/fields/types.ts';
import type { IndexedEntry } from './EntryIndex.ts';

/** What a value looks like to inference (`unknown`: null, which says nothing). */
type FieldType =
  'string' | 'text' | 'datetime' | 'date' | 'boolean' | 'number' | 'list' | 'object' | 'unknown';

const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_SUGGESTIONS = 200;

interface FieldStats {
  name: string;
  count: number;
  firstSeen: number;
  types: Map<FieldType, number>;
  values: Map<string, number>;
}

/** Booleans shown as one-click switches in the list when a site declares nothing: Hugo's and themes' usual flags. */
export const DEFAULT_FLAGS = new Set(['draft', 'featured', 'pinned']);

/**
 * Infers a collection's fields from the front matter of its entries: each key's kind is the one
 * most of its values have, and lists of strings (tags, categories, authors...) suggest the values
 * already in use, most used first. Keys in every file come first, in the order files write them.
 */
export function inferFields(entries: readonly IndexedEntry[]): FieldSpec[] {
  return inferFieldsFromShapes(entries.map((entry) => entry.doc.fields));
}

/** inferFields on the `fieldShapes` of some front matters (null: a file that cannot be read). */
export function inferFieldsFromShapes(shapeList: readonly (string | null)[]): FieldSpec[] {
  const stats = new Map<string, FieldStats>();
  let order = 0;
  for (const shapes of shapeList) {
    if (!shapes) continue;
    for (const [name, type, items] of JSON.parse(shapes) as FieldShape[]) {
      let field = stats.get(name);
      if (!field) {
        field = { name, count: 0, firstSeen: order++, types: new Map(), values: new Map() };
        stats.set(name, field);
      }
      field.count++;
      if (type !== 'unknown') field.types.set(type, (field.types.get(type) ?? 0) + 1);
      for (const item of items ?? []) field.values.set(item, (field.values.get(item) ?? 0) + 1);
    }
  }
  return [...stats.values()]
    .sort((a, b) => b.count - a.count || a.firstSeen - b.firstSeen)
    .map((s) => {
      // Dates with and without a time are one family: a form needs the time when any value has one.
      const dates = (s.types.get('date') ?? 0) + (s.types.get('datetime') ?? 0);
      if (dates) {
        s.types.set(s.types.has('datetime') ? 'datetime' : 'date', dates);
        s.types.delete(s.types.has('datetime') ? 'date' : 'datetime');
      }
      const type = [...s.types.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
      return specOf(s, type);
    });
}

// The field a key's most common type makes: string lists are images (by name or by their
// paths) or tags with their values as suggestions; flags and tag lists are the list's filters.
function specOf(stats: FieldStats, type: FieldType): FieldSpec {
  const { name, values } = stats;
  switch (type) {
    case 'boolean':
      return DEFAULT_FLAGS.has(name)
        ? { name, kind: 'boolean', flag: true, filter: true }
        : { name, kind: 'boolean' };
    case 'list': {
      // Only empty lists or lists of maps seen: a list of texts when added anew (the form edits
      // a list of maps by its values, which do not fit `tags`).
      // An image key is a list of images even when empty (an archetype's `images: []`).
      if (IMAGE_KEYS.test(name)) return { name, kind: 'image', multiple: true };
      if (values.size === 0) return { name, kind: 'tags' };
      const items = [...values.keys()];
      if (items.every((item) => IMAGE_PATH.test(item.trim())))
        return { name, kind: 'image', multiple: true };
      const suggestions = [...values.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MAX_SUGGESTIONS)
        .map(([value]) => value);
      return { name, kind: 'tags', filter: true, suggestions };
    }
    case 'string':
      return IMAGE_KEYS.test(name) ? { name, kind: 'image' } : { name, kind: 'string' };
    case 'unknown':
      // Only nulls seen: nothing tells what the key holds; the form edits it as a value of its own.
      return { name, kind: 'string' };
    default:
      return { name, kind: type };
  }
}

/** One front matter key as field inference sees it: name, type, and for a list its string items. */
type FieldShape = [name: string, type: FieldType, items?: string[]];

/**
 * What inferFields needs of one file's front matter, as compact JSON (null when unparseable): one
 * string per file instead of its whole front matter, in memory and in the persisted index.
 */
export function fieldShapes(data: Record<string, unknown> | null): string | null {
  if (!data) return null;
  const shapes: FieldShape[] = [];
  for (const name in data) {
    const value = data[name];
    const type = typeOf(value);
    const items = type === 'list' ? stringItems(value as unknown[]) : null;
    shapes.push(items ? [name, type, items] : [name, type]);
  }
  return JSON.stringify(shapes);
}

// The string items of a list (the list itself when all are strings), or null when it has none.
function stringItems(list: unknown[]): string[] | null {
  let strings = 0;
  for (const item of list) if (typeof item === 'string') strings++;
  if (strings === 0) return null;
  return strings === list.length
    ? (list as string[])
    : list.filter((item): item is string => typeof item === 'string');
}

function typeOf(value: unknown): FieldType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) return 'list';
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'object') return 'object';
  const text = String(value);
  // Both date patterns start with a digit: most strings (titles, names) are ruled out at once.
  const first = text.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    if (DATETIME.test(text)) return 'datetime';
    if (DATE.test(text)) return 'date';
  }
  return text.includes('\n') || text.length > LONG_TEXT ? 'text' : 'string';
}
