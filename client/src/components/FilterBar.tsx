import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { Collection } from '../../../shared/api/contract.ts';
import { hasActiveFilters, type EntryFilters, type Sort } from '../api/entryFilters.ts';
import { fieldFilters, fieldSortLabel, hasInferred, type FieldFilter } from '../lib/listFields.ts';
import { flagFilterOf, withFlagFilter, type FlagColumn } from '../lib/listFlags.ts';
import { ViewPresets } from './ViewPresets.tsx';
import { ActiveFilters } from './ActiveFilters.tsx';
import { DebouncedInput } from './DebouncedInput.tsx';
import { StatusSelect } from './StatusSelect.tsx';

/** Props of FilterBar. */
export interface FilterBarProps {
  filters: EntryFilters;
  collections: Collection[];
  /** The collections' flags, each offered as a filter. */
  flags: FlagColumn[];
  /** The site's language codes (or those seen so far), offered in a select. */
  languages: string[];
  /** The sort the server applied (the collection's default when none is chosen). */
  appliedSort?: string;
  onChange: (change: Partial<EntryFilters>, replace?: boolean) => void;
  onClear: () => void;
}

type Tri = 'true' | 'false' | undefined;
const SORT_LABELS: Record<Sort, string> = {
  '-date': 'Newest first',
  date: 'Oldest first',
  title: 'Title A–Z',
  '-title': 'Title Z–A',
};

/** Search box and filters of the post list; every value lives in the URL. */
export function FilterBar({
  filters,
  collections,
  flags,
  languages,
  appliedSort,
  onChange,
  onClear,
}: FilterBarProps) {
  const id = useId();
  const [expanded, setExpanded] = useState(readOpen);
  const declaredFilters = fieldFilters(collections, filters.collection);
  const inferred = hasInferred(collections, filters.collection);
  const inFiles = collections.find((c) => c.name === filters.collection)?.kind === 'files';
  const activeCount =
    (['collection', 'status', 'draft', 'tag', 'category', 'author', 'lang'] as const).filter(
      (key) => filters[key],
    ).length +
    (filters.flag ? filters.flag.split(',').length : 0) +
    Object.values(filters.fields ?? {}).filter(Boolean).length;
  const sort = filters.sort ?? appliedSort ?? '-date';
  const sortLabels: [string, string][] = Object.entries(SORT_LABELS);
  if (!(sort in SORT_LABELS)) sortLabels.push([sort, fieldSortLabel(collections, sort) ?? sort]);
  const handleField = (name: string, value: string) =>
    onChange(
      { fields: { ...filters.fields, [name]: value || undefined } as EntryFilters['fields'] },
      true,
    );
  const suggestions = (field: string) => collectSuggestions(collections, filters.collection, field);
  const handleSearch = useCallback(
    (q: string) => onChange({ q: q || undefined }, true),
    [onChange],
  );
  const handleTag = useCallback(
    (tag: string) => onChange({ tag: tag || undefined }, true),
    [onChange],
  );
  const handleCategory = useCallback(
    (category: string) => onChange({ category: category || undefined }, true),
    [onChange],
  );
  const handleAuthor = useCallback(
    (author: string) => onChange({ author: author || undefined }, true),
    [onChange],
  );
  useSlashToSearch(`${id}-q`);
  const tri = (value: string): Tri => (value === 'true' || value === 'false' ? value : undefined);

  return (
    <search className="filter-bar" aria-label="Filter posts">
      <div className="filter-search">
        <label htmlFor={`${id}-q`}>Search</label>
        <DebouncedInput
          id={`${id}-q`}
          type="search"
          placeholder="Title or text… (press /)"
          aria-keyshortcuts="/"
          value={filters.q ?? ''}
          onCommit={handleSearch}
          maxLength={200}
        />
        {/* A files collection lists its files in the order the schema declares them. */}
        {!inFiles && (
          <>
            <label htmlFor={`${id}-sort`} className="visually-hidden">
              Sort
            </label>
            <select
              id={`${id}-sort`}
              className="filter-sort"
              value={sort}
              onChange={(e) => onChange({ sort: e.target.value as Sort })}
            >
              {sortLabels.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </>
        )}
        {/* The filters fold away to leave room for the list; the choice is remembered. */}
        <button
          type="button"
          className="button filter-toggle"
          aria-expanded={expanded}
          aria-controls={`${id}-grid`}
          onClick={() => setExpanded((value) => writeOpen(!value))}
        >
          Filters{activeCount > 0 && ` (${activeCount})`}
        </button>
      </div>
      <ViewPresets
        collection={collections.find((c) => c.name === filters.collection)}
        view={filters.view}
        onChange={(view) => onChange({ view })}
      />
      {!expanded && (
        <ActiveFilters
          filters={filters}
          flags={flags}
          fieldFilters={declaredFilters}
          collections={collections}
          onChange={onChange}
          onClear={onClear}
        />
      )}
      <div id={`${id}-grid`} className={`filter-grid${expanded ? ' is-expanded' : ''}`}>
        <FilterField id={`${id}-collection`} label="Collection">
          <select
            id={`${id}-collection`}
            value={filters.collection ?? ''}
            // A preset belongs to its collection: another collection starts without one.
            onChange={(e) => onChange({ collection: e.target.value || undefined, view: undefined })}
          >
            <option value="">All collections</option>
            {collections.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label && c.label !== c.name ? `${c.label} (${c.name})` : c.name} ({c.count})
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id={`${id}-status`} label="Status">
          <StatusSelect
            id={`${id}-status`}
            value={filters.status}
            onChange={(status) => onChange({ status, draft: undefined })}
          />
        </FilterField>
        {/* Hugo's draft is the Status filter; every other flag gets its own. */}
        {flags
          .filter(({ name }) => name !== 'draft')
          .map(({ name, label }, index) => (
            <FilterField key={name} id={`${id}-flag${index}`} label={label}>
              <select
                id={`${id}-flag${index}`}
                value={flagFilterOf(filters.flag, name) ?? ''}
                onChange={(e) =>
                  onChange({ flag: withFlagFilter(filters.flag, name, tri(e.target.value)) })
                }
              >
                <option value="">Any</option>
                <option value="true">{label}</option>
                <option value="false">{`Not ${label.toLowerCase()}`}</option>
              </select>
            </FilterField>
          ))}
        {declaredFilters.map((filter, index) => (
          <FieldFilterControl
            key={filter.name}
            id={`${id}-field${index}`}
            filter={filter}
            value={filters.fields?.[filter.name] ?? ''}
            onChange={handleField}
          />
        ))}
        {inferred && (
          <>
            <FilterField id={`${id}-tag`} label="Tag">
              <DebouncedInput
                id={`${id}-tag`}
                list={`${id}-tags`}
                value={filters.tag ?? ''}
                onCommit={handleTag}
                delay={400}
                placeholder="Any tag"
              />
            </FilterField>
            <FilterField id={`${id}-category`} label="Category">
              <DebouncedInput
                id={`${id}-category`}
                list={`${id}-categories`}
                value={filters.category ?? ''}
                onCommit={handleCategory}
                delay={400}
                placeholder="Any category"
              />
            </FilterField>
            <FilterField id={`${id}-author`} label="Author">
              <DebouncedInput
                id={`${id}-author`}
                list={`${id}-authors`}
                value={filters.author ?? ''}
                onCommit={handleAuthor}
                delay={400}
                placeholder="Any author"
              />
            </FilterField>
          </>
        )}
        {/* A one-language site has nothing to filter by language (a filter in the URL still shows). */}
        {(languages.length > 1 || filters.lang) && (
          <FilterField id={`${id}-language`} label="Language">
            <select
              id={`${id}-language`}
              value={filters.lang ?? ''}
              onChange={(e) => onChange({ lang: e.target.value || undefined })}
            >
              <option value="">Any language</option>
              {[...new Set([...languages, ...(filters.lang ? [filters.lang] : [])])].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </FilterField>
        )}
        {hasActiveFilters(filters) && (
          <button type="button" className="button button-quiet filter-clear" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
      <Suggestions id={`${id}-tags`} values={suggestions('tags')} />
      <Suggestions id={`${id}-categories`} values={suggestions('categories')} />
      <Suggestions id={`${id}-authors`} values={suggestions('authors')} />
    </search>
  );
}

/** "/" anywhere outside a text field puts the focus in the search box (as on GitHub and Ghost). */
function useSlashToSearch(inputId: string) {
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return;
      const input = document.getElementById(inputId);
      if (!input) return;
      event.preventDefault();
      input.focus();
    };
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, [inputId]);
}

const OPEN_KEY = 'folio:filters-open';

function readOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function writeOpen(open: boolean): boolean {
  try {
    localStorage.setItem(OPEN_KEY, open ? '1' : '0');
  } catch {
    // Storage off: the panel just starts folded next time.
  }
  return open;
}

function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

// One declared field's filter: a select of its options, or a text box suggesting the values in use.
function FieldFilterControl({
  id,
  filter,
  value,
  onChange,
}: {
  id: string;
  filter: FieldFilter;
  value: string;
  onChange: (name: string, value: string) => void;
}) {
  const commit = useCallback(
    (v: string) => onChange(filter.name, v.trim()),
    [filter.name, onChange],
  );
  if (filter.kind === 'select') {
    const known = filter.options.some((o) => o.value === value);
    return (
      <FilterField id={id} label={filter.label}>
        <select id={id} value={value} onChange={(e) => commit(e.target.value)}>
          <option value="">Any</option>
          {filter.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {value && !known && <option value={value}>{value}</option>}
        </select>
      </FilterField>
    );
  }
  return (
    <FilterField id={id} label={filter.label}>
      <DebouncedInput
        id={id}
        list={`${id}-values`}
        value={value}
        onCommit={commit}
        delay={400}
        placeholder={`Any ${filter.label.toLowerCase()}`}
      />
      <Suggestions id={`${id}-values`} values={filter.suggestions} />
    </FilterField>
  );
}

function Suggestions({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  );
}

/** Distinct suggested values of `field` across the chosen collection (or all of them). */
export function collectSuggestions(
  collections: Collection[],
  collection: string | undefined,
  field: string,
): string[] {
  const seen = new Set<string>();
  for (const c of collections) {
    if (collection && c.name !== collection) continue;
    for (const value of c.fields.find((f) => f.name === field)?.suggestions ?? []) seen.add(value);
  }
  return [...seen];
}
