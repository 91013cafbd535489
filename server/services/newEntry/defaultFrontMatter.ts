import type { FrontMatterData } from '../../../shared/frontmatter/index.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import type { IndexSnapshot } from '../EntryIndex.ts';
import { formatGoTime, RFC3339, type ZonedTime } from './goTimeFormat.ts';

/** At least this share of a collection's posts must have a key for a new post to get it. */
export const COMMON_SHARE = 0.5;

/** Keys that hold the date a post is published or updated: a new post starts with now. */
const DATE_KEYS = new Set(['date', 'publishdate', 'lastmod']);

/**
 * The front matter of a new post of a collection nothing declares and no archetype shapes:
 * title, date (now) and `draft: true`, then the keys at least half of the collection's posts
 * have, in the order they usually come, empty (`''`, `[]`). Other booleans are left out rather
 * than written as `false`: absent is what Hugo reads as false anyway, and a guess could be wrong.
 */
export function commonFrontMatter(
  snapshot: IndexSnapshot,
  collection: string,
  title: string | undefined,
  now: ZonedTime,
): FrontMatterData {
  const counts = new Map<string, { count: number; order: number; types: Map<string, number> }>();
  let posts = 0;
  let order = 0;
  for (const entry of snapshot.entries.values()) {
    if (entry.collection !== collection || entry.bundle === 'branch' || !entry.doc.fields) continue;
    posts++;
    const shapes = JSON.parse(entry.doc.fields) as [string, string, string[]?][];
    for (const [name, type] of shapes) {
      const seen = counts.get(name) ?? { count: 0, order: order++, types: new Map() };
      seen.count++;
      seen.types.set(type, (seen.types.get(type) ?? 0) + 1);
      counts.set(name, seen);
    }
  }
  const data: FrontMatterData = { title: title ?? '', date: formatGoTime(now, RFC3339) };
  const common = [...counts.entries()]
    .filter(([, s]) => s.count >= posts * COMMON_SHARE)
    .sort((a, b) => a[1].order - b[1].order);
  for (const [name, stats] of common) {
    if (name in data || name === 'draft') continue;
    const type = [...stats.types.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    if (DATE_KEYS.has(name.toLowerCase()) && (type === 'datetime' || type === 'date'))
      data[name] = formatGoTime(now, type === 'date' ? '2006-01-02' : RFC3339);
    else if (type === 'list') data[name] = [];
    else if (type === 'string' || type === 'text') data[name] = '';
  }
  data.draft = true;
  return data;
}

/**
 * The front matter of a new entry of a declared collection: each declared field's default, in
 * the declared order, the title where the title field is, a required date or datetime without a
 * default at now (as Decap does); nothing for the other fields.
 */
export function declaredFrontMatter(
  fields: FieldSpec[],
  title: string | undefined,
  now: ZonedTime,
): FrontMatterData {
  const data: FrontMatterData = {};
  if (!fields.some((f) => f.name === 'title')) data.title = title ?? '';
  for (const field of fields) {
    if (field.name === 'title') data.title = title ?? (field.default as string) ?? '';
    else if (field.default !== undefined) data[field.name] = field.default;
    else if (field.kind === 'datetime' && (field.required || field.name === 'date'))
      data[field.name] = formatGoTime(now, RFC3339);
    else if (field.kind === 'date' && (field.required || field.name === 'date'))
      data[field.name] = formatGoTime(now, '2006-01-02');
  }
  return data;
}

/**
 * An archetype's rendered front matter with the declared defaults (`declared`, as
 * declaredFrontMatter makes them) for the keys it leaves unset (absent, or empty: `''`, `[]`,
 * `{}`, null); the archetype's keys keep their order and values, the others follow in the
 * declared order. `filled` names the keys the defaults gave.
 */
export function withDeclaredDefaults(
  fromArchetype: FrontMatterData,
  declared: FrontMatterData,
): { data: FrontMatterData; filled: string[] } {
  const data: FrontMatterData = { ...fromArchetype };
  const filled: string[] = [];
  for (const [key, value] of Object.entries(declared)) {
    if (!isUnset(data[key]) || isUnset(value)) continue;
    data[key] = value;
    filled.push(key);
  }
  return { data, filled };
}

function isUnset(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
