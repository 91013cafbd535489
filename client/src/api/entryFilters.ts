import { parseStatusList } from '../lib/entryStatus.ts';

/** Sort orders the entry list always offers. */
export const SORTS = ['-date', 'date', 'title', '-title'] as const;
/** One sort order of the entry list: one of SORTS, or a field's (`field.weight`, `-field.weight`). */
export type Sort = string;
/** The prefix of a field filter's URL parameter (`field.series=go`), as the API reads it. */
export const FIELD_PARAM = 'field.';
const SORT_PATTERN = /^-?(date|title|field\.[^,\s]{1,100})$/;

/** Filters of the entry list, as the URL keeps them (tri-state flags as 'true' | 'false' | undefined). */
export interface EntryFilters {
  collection?: string;
  q?: string;
  draft?: 'true' | 'false';
  /** Flags on (`featured`) or off (`!featured`), comma-separated: the API's `flag`. */
  flag?: string;
  /** Statuses, comma-separated ("draft,scheduled"): entries in any of them. */
  status?: string;
  tag?: string;
  category?: string;
  author?: string;
  lang?: string;
  /** Field filters by key, each a comma-separated list of values (any of them): the API's `field.<key>`. */
  fields?: Record<string, string>;
  /** Absent: the collection's default order, as the server decides it. */
  sort?: Sort;
  /** A preset filter of the collection in view (Decap's `view_filters`): the API's `view`. */
  view?: string;
}

const TEXT_KEYS = ['collection', 'q', 'flag', 'tag', 'category', 'author', 'lang', 'view'] as const;
const FLAG_KEYS = ['draft'] as const;
const FLAG_PART = /^!?[^!,\s][^,]{0,99}$/;

/** Reads the list filters from URL search params, ignoring values the API would refuse. */
export function filtersFromParams(params: URLSearchParams): EntryFilters {
  const filters: EntryFilters = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'flag') {
      const parts = value.split(',').filter((part) => FLAG_PART.test(part));
      if (parts.length) filters.flag = parts.slice(0, 20).join(',');
    } else filters[key] = key === 'q' ? value.slice(0, 200) : value;
  }
  for (const key of FLAG_KEYS) {
    const value = params.get(key);
    if (value === 'true' || value === 'false') filters[key] = value;
  }
  const status = parseStatusList(params.get('status'));
  if (status) filters.status = status.join(',');
  const sort = params.get('sort');
  if (sort && SORT_PATTERN.test(sort)) filters.sort = sort;
  for (const [name, value] of params) {
    const key = name.slice(FIELD_PARAM.length);
    const values = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .join(',');
    if (!name.startsWith(FIELD_PARAM) || !key || !values) continue;
    filters.fields = { ...filters.fields, [key]: values.slice(0, 200) };
  }
  return filters;
}

/** Writes the filters back as URL search params (defaults left out, so clean URLs stay clean). */
export function filtersToParams(filters: EntryFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of [...TEXT_KEYS, ...FLAG_KEYS]) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.status) params.set('status', filters.status);
  for (const [key, value] of Object.entries(filters.fields ?? {}))
    if (value) params.set(FIELD_PARAM + key, value);
  if (filters.sort) params.set('sort', filters.sort);
  return params;
}

/** True when any filter narrows the list. */
export function hasActiveFilters(filters: EntryFilters): boolean {
  return (
    [...TEXT_KEYS, ...FLAG_KEYS, 'status' as const].some((key) => Boolean(filters[key])) ||
    Object.values(filters.fields ?? {}).some(Boolean)
  );
}
