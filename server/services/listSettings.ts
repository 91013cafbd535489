import type { Collection } from '../../shared/api/contract.ts';
import { FIELD_PARAM } from '../../shared/api/contract.ts';
import type { CollectionSort } from '../../shared/schema/siteSchema.ts';
import { parseSummaryTemplate, type SummaryPart } from '../../shared/schema/summaryTemplate.ts';
import { ValidationError } from '../errors.ts';
import type { ColumnSpec, ListSettings } from './listEntries.ts';

const NEWEST_FIRST = '-date';

/** The `sort` parameter of a declared default order (`{field: weight, order: asc}` -> `field.weight`). */
export function sortParamOf(sort: CollectionSort): string {
  const key =
    sort.field === 'date' || sort.field === 'title' ? sort.field : FIELD_PARAM + sort.field;
  return sort.order === 'desc' ? `-${key}` : key;
}

/**
 * The list settings for `collection` (every collection when undefined): its default sort (when
 * all the collections in view agree, else newest first), each collection's columns, and the
 * select fields, whose filters match whole values.
 */
export function listSettingsOf(
  collections: readonly Collection[],
  collection: string | undefined,
  view?: string,
): ListSettings {
  const inView = collections.filter((c) => collection === undefined || c.name === collection);
  // Collections with no entries do not disagree with anything on screen.
  const shown = inView.filter((c) => c.count > 0);
  const sorts = new Set(
    (shown.length ? shown : inView).map((c) => (c.sort ? sortParamOf(c.sort) : NEWEST_FIRST)),
  );
  const columns = new Map<string, ColumnSpec[]>();
  const exact = new Set<string>();
  for (const c of collections) {
    for (const field of c.fields) if (field.kind === 'select') exact.add(field.name);
    if (!c.columns?.length) continue;
    columns.set(
      c.name,
      c.columns.map((name) => ({
        name,
        boolean: c.fields.find((f) => f.name === name)?.kind === 'boolean',
      })),
    );
  }
  const summaries = new Map<string, SummaryPart[]>();
  for (const c of collections)
    if (c.summary) summaries.set(c.name, parseSummaryTemplate(c.summary).parts);
  const files = inView.length === 1 && inView[0]!.kind === 'files' ? inView[0] : undefined;
  return {
    defaultSort: sorts.size === 1 ? [...sorts][0]! : NEWEST_FIRST,
    columns,
    exact,
    summaries,
    ...(view !== undefined ? { view: viewOf(inView, collection, view) } : {}),
    ...(files ? { files } : {}),
  };
}

// The preset filter `view` of the collection in view; a 400 that says which there are otherwise.
function viewOf(inView: readonly Collection[], collection: string | undefined, view: string) {
  if (collection === undefined)
    throw new ValidationError(
      `The preset filter "${view}" needs a collection: add collection=<name> (presets belong to one collection).`,
    );
  const offered = inView[0]?.viewFilters ?? [];
  const found = offered.find((f) => f.id === view);
  if (!found)
    throw new ValidationError(
      `No preset filter "${view}" in ${collection}: ${
        offered.length ? `it has ${offered.map((f) => f.id).join(', ')}` : 'it has none'
      }.`,
      { reason: 'unknown_view', field: 'view' },
    );
  return found;
}
