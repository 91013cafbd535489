import type { Collection, Field } from '../../../shared/api/contract.ts';
import type { FieldOption } from '../../../shared/fields/types.ts';
import { flagLabel } from './listFlags.ts';

/** A filter of the list from a declared field: a select (its options) or a suggesting text box. */
export interface FieldFilter {
  name: string;
  label: string;
  kind: 'select' | 'text';
  /** Select: the choices, value and label. */
  options: { value: string; label: string }[];
  /** Text box: values already used in the site. */
  suggestions: string[];
}

const FILTER_KINDS = new Set(['select', 'tags', 'relation']);

/**
 * The field filters of the collections in view (one, or all): each declared select, tags or
 * relation field not marked `filter: false`, one control per key in the order first met. Inferred
 * collections keep the fixed Tag, Category and Author boxes (see hasInferred).
 */
export function fieldFilters(
  collections: readonly Collection[],
  collection?: string,
): FieldFilter[] {
  const filters = new Map<string, FieldFilter>();
  for (const c of collections) {
    if (!c.declared || (collection && c.name !== collection)) continue;
    for (const field of c.fields) {
      if (!FILTER_KINDS.has(field.kind) || field.filter === false) continue;
      const known = filters.get(field.name);
      const filter = known ?? {
        name: field.name,
        label: flagLabel(field.name, field.label),
        kind: field.kind === 'select' ? ('select' as const) : ('text' as const),
        options: [],
        suggestions: [],
      };
      mergeChoices(filter, field);
      filters.set(field.name, filter);
    }
  }
  return [...filters.values()];
}

/** True when a collection in view has inferred fields (its list keeps the Tag, Category and Author filters). */
export function hasInferred(collections: readonly Collection[], collection?: string): boolean {
  const inView = collections.filter((c) => !collection || c.name === collection);
  return inView.length === 0 || inView.some((c) => !c.declared);
}

function mergeChoices(filter: FieldFilter, field: Field) {
  for (const option of field.options ?? []) {
    const { value, label } = optionOf(option);
    if (!filter.options.some((o) => o.value === value)) filter.options.push({ value, label });
  }
  for (const value of field.suggestions ?? [])
    if (!filter.suggestions.includes(value)) filter.suggestions.push(value);
}

function optionOf(option: FieldOption): { value: string; label: string } {
  if (typeof option === 'object') return { value: String(option.value), label: option.label };
  return { value: String(option), label: String(option) };
}

/**
 * The label of the option a select field `key` stores as `value` (`tut` -> "Tutorial"): the field
 * of `collection` first, then of any declared collection; `value` itself when no option has it.
 */
export function optionLabel(
  collections: readonly Collection[],
  collection: string | undefined,
  key: string,
  value: string,
): string {
  const ordered = [
    ...collections.filter((c) => c.name === collection),
    ...collections.filter((c) => c.name !== collection),
  ];
  for (const c of ordered) {
    const field = c.fields.find((f) => f.name === key);
    if (field?.kind !== 'select') continue;
    const option = (field.options ?? []).map(optionOf).find((o) => o.value === value);
    if (option) return option.label;
  }
  return value;
}

/** The label of column `key` in `collection`: its field's label, else the key with a capital. */
export function columnLabel(
  collections: readonly Collection[],
  collection: string,
  key: string,
): string {
  const field = collections.find((c) => c.name === collection)?.fields.find((f) => f.name === key);
  return flagLabel(key, field?.label);
}

/** What the sort menu calls a field's order (`field.weight` -> "Weight, low to high"). */
export function fieldSortLabel(collections: readonly Collection[], sort: string): string | null {
  const descending = sort.startsWith('-');
  const name = sort.replace(/^-/, '');
  if (!name.startsWith('field.')) return null;
  const key = name.slice('field.'.length);
  const field = collections.flatMap((c) => c.fields).find((f) => f.name === key);
  const label = flagLabel(key, field?.label);
  const numeric = field?.kind === 'number';
  return `${label}, ${numeric ? (descending ? 'high to low' : 'low to high') : descending ? 'Z–A' : 'A–Z'}`;
}
