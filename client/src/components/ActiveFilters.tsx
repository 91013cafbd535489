import type { EntryFilters } from '../api/entryFilters.ts';
import { parseStatusList, STATUS_LABELS } from '../lib/entryStatus.ts';

const LABELS: { key: keyof EntryFilters; label: string; show?: (value: string) => string }[] = [
  { key: 'collection', label: 'Collection' },
  {
    key: 'status',
    label: 'Status',
    show: (v) => (parseStatusList(v) ?? []).map((s) => STATUS_LABELS[s]).join(' or '),
  },
  { key: 'draft', label: 'Draft', show: (v) => (v === 'true' ? 'yes' : 'no') },
  { key: 'featured', label: 'Featured', show: (v) => (v === 'true' ? 'yes' : 'no') },
  { key: 'pinned', label: 'Pinned', show: (v) => (v === 'true' ? 'yes' : 'no') },
  { key: 'tag', label: 'Tag' },
  { key: 'category', label: 'Category' },
  { key: 'author', label: 'Author' },
  { key: 'lang', label: 'Language' },
];

/** Props of ActiveFilters. */
export interface ActiveFiltersProps {
  filters: EntryFilters;
  onChange: (change: Partial<EntryFilters>) => void;
  onClear: () => void;
}

/** The filters in force while the filter panel is folded: one removable chip each. */
export function ActiveFilters({ filters, onChange, onClear }: ActiveFiltersProps) {
  const active = LABELS.filter(({ key }) => filters[key] !== undefined && filters[key] !== '');
  if (active.length === 0) return null;
  return (
    <div className="active-filters">
      <ul className="chip-list" aria-label="Filters in use">
        {active.map(({ key, label, show }) => {
          const value = String(filters[key]);
          const text = `${label}: ${show ? show(value) : value}`;
          return (
            <li key={key} className="chip">
              <span>{text}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove the filter ${text}`}
                onClick={() => onChange({ [key]: undefined })}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button-quiet button-small" onClick={onClear}>
        Clear filters
      </button>
    </div>
  );
}
