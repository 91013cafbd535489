import type { FieldSpec } from '../../shared/fields/types.ts';
import type { IndexedEntry } from './EntryIndex.ts';

const MAX_CHOICES = 500;

/**
 * Declared fields with what the form offers as choices: a tag list the values the collection's
 * files already use (from inference), a relation the entries of the collection it names (their
 * slugs, or titles with `valueField: title`). Declared suggestions are kept first.
 */
export function withSuggestions(
  declared: readonly FieldSpec[],
  inferred: readonly FieldSpec[],
  entriesOf: ReadonlyMap<string, readonly IndexedEntry[]>,
): FieldSpec[] {
  const seen = new Map(inferred.map((field) => [field.name, field.suggestions ?? []]));
  return declared.map((field) => {
    let found: string[] = [];
    if (field.kind === 'tags') found = seen.get(field.name) ?? [];
    else if (field.kind === 'relation' && field.collection)
      found = relationChoices(entriesOf.get(field.collection) ?? [], field.valueField);
    if (found.length === 0) return field;
    const suggestions = [...new Set([...(field.suggestions ?? []), ...found])].slice(
      0,
      MAX_CHOICES,
    );
    return { ...field, suggestions };
  });
}

// What a relation stores for each entry of its collection, sorted as a reader looks for them.
function relationChoices(entries: readonly IndexedEntry[], valueField?: string): string[] {
  const values = entries
    .filter((entry) => entry.bundle !== 'branch')
    .map((entry) => (valueField === 'title' ? entry.doc.title : entry.slug))
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}
