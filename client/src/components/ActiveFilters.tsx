import type { EntryFilters } from '../api/entryFilters.ts';
import type { Collection } from '../../../shared/api/contract.ts';
import { optionLabel, type FieldFilter } from '../lib/listFields.ts';
import { flagLabel, withFlagFilter, type FlagColumn } from '../lib/listFlags.ts';
import { parseStatusList, STATUS_LABELS } from '../lib/entryStatus.ts';

const LABELS: { key: keyof EntryFilters; label: string; show?: (value: string) => string }[] = [
  { key: 'collection', label: 'Collection' },
  {
    key: 'status',
    label: 'Status',
    show: (v) => (parseStatusList(v) ?? []).map((s) => STATUS_LABELS[s]).join(' or '),
  },
  { key: 'draft', label: 'Draft', show: (v) => (v === 'true' ? 'yes' : 'no') },
  { key: 'tag', label: 'Tag' },
  { key: 'category', label: 'Category' },
  { key: 'author', label: 'Author' },
  { key: 'lang', label: 'Language' },
];

/** Props of ActiveFilters. */
export interface ActiveFiltersProps {
  filters: EntryFilters;
  /** The flags' labels, for the chips of flag filters. */
  flags: FlagColumn[];
  /** The declared fields' filters, for their chips' labels. */
  fieldFilters?: FieldFilter[];
  /** The site's collections: a select's option labels for a field the panel does not offer. */
  collections?: readonly Collection[];
  onChange: (change: Partial<EntryFilters>) => void;
  onClear: () => void;
}

/** The filters in force while the filter panel is folded: one removable chip each. */
export function ActiveFilters({
  filters,
  flags,
  fieldFilters = [],
  collections = [],
  onChange,
  onClear,
}: ActiveFiltersProps) {
  const active = LABELS.filter(({ key }) => filters[key] !== undefined && filters[key] !== '');
  // One chip per flag filter (`featured`, `!pinned`), each removed on its own.
  const flagChips = (filters.flag ?? '')
    .split(',')
    .filter(Boolean)
    .map((part) => {
      const name = part.replace(/^!/, '');
      const label = flags.find((f) => f.name === name)?.label ?? flagLabel(name);
      return {
        key: `flag:${part}`,
        text: `${label}: ${part.startsWith('!') ? 'no' : 'yes'}`,
        remove: () => onChange({ flag: withFlagFilter(filters.flag, name, undefined) }),
      };
    });
  // One chip per field filter, showing the option's label for a select.
  const fieldChips = Object.entries(filters.fields ?? {})
    .filter(([, value]) => value)
    .map(([name, value]) => {
      const filter = fieldFilters.find((f) => f.name === name);
      const shown = value
        .split(',')
        .map(
          (v) =>
            filter?.options.find((o) => o.value === v)?.label ??
            optionLabel(collections, filters.collection, name, v),
        )
        .join(' or ');
      const text = `${filter?.label ?? flagLabel(name)}: ${shown}`;
      const rest = { ...filters.fields };
      delete rest[name];
      return { key: `field:${name}`, text, remove: () => onChange({ fields: rest }) };
    });
  const chips = [
    ...active
      .filter(({ key }) => key !== 'flag')
      .map(({ key, label, show }) => {
        const value = String(filters[key]);
        return {
          key,
          text: `${label}: ${show ? show(value) : value}`,
          remove: () => onChange({ [key]: undefined }),
        };
      }),
    ...flagChips,
    ...fieldChips,
  ];
  if (chips.length === 0) return null;
  return (
    <div className="active-filters">
      <ul className="chip-list" aria-label="Filters in use">
        {chips.map(({ key, text, remove }) => (
          <li key={key} className="chip">
            <span>{text}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove the filter ${text}`}
              onClick={remove}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-quiet button-small" onClick={onClear}>
        Clear filters
      </button>
    </div>
  );
}
