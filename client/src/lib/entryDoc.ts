import type { Collection, Entry } from '../../../shared/api/contract.ts';
import type { EntryDoc } from './autosave.ts';
import { isDateTimeString } from './dateTime.ts';
import { inputKind } from './fieldKinds.ts';
import { jsonEqual } from './jsonEqual.ts';

/** The editable part of an entry. */
export const docOf = (entry: Pick<Entry, 'frontMatter' | 'body'>): EntryDoc => ({
  frontMatter: entry.frontMatter,
  body: entry.body,
});

/** True when two documents hold the same front matter (any key order) and body. */
export const docEqual = (a: EntryDoc, b: EntryDoc) =>
  a.body === b.body && jsonEqual(a.frontMatter, b.frontMatter);

/** Front matter keys whose value differs between `a` and `b`. */
export function changedKeys(a: EntryDoc, b: EntryDoc): Set<string> {
  const keys = new Set([...Object.keys(a.frontMatter), ...Object.keys(b.frontMatter)]);
  return new Set([...keys].filter((key) => !jsonEqual(a.frontMatter[key], b.frontMatter[key])));
}

/** Date fields whose text Hugo could not read. */
export function invalidDateKeys(doc: EntryDoc, collection: Collection | undefined): string[] {
  const fields = new Map((collection?.fields ?? []).map((f) => [f.name, f]));
  return Object.entries(doc.frontMatter)
    .filter(
      ([key, value]) =>
        typeof value === 'string' &&
        value !== '' &&
        inputKind(key, value, fields.get(key), collection?.declared) === 'datetime' &&
        !isDateTimeString(value),
    )
    .map(([key]) => key);
}
