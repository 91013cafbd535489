import { useId } from 'react';

/** Props of CollectionsPicker. */
export interface CollectionsPickerProps {
  /** Collections chosen; null: every collection. */
  value: string[] | null;
  /** The site's collection names. */
  names: string[];
  onChange: (value: string[] | null) => void;
  disabled?: boolean;
}

/** "Every collection", or a chosen few: where a user may change entries. */
export function CollectionsPicker({ value, names, onChange, disabled }: CollectionsPickerProps) {
  const id = useId();
  // A restriction may name a collection the site no longer has: keep showing it, so it can go.
  const all = [...new Set([...names, ...(value ?? [])])];
  const toggle = (name: string, on: boolean) => {
    const current = value ?? [];
    onChange(on ? [...current, name] : current.filter((n) => n !== name));
  };
  return (
    <fieldset className="collections-picker" disabled={disabled}>
      <legend>May change entries in</legend>
      <label className="check">
        <input
          type="radio"
          name={`${id}-scope`}
          checked={value === null}
          onChange={() => onChange(null)}
        />
        Every collection
      </label>
      <label className="check">
        <input
          type="radio"
          name={`${id}-scope`}
          checked={value !== null}
          onChange={() => onChange(value ?? [])}
        />
        Only these:
      </label>
      {value !== null && (
        <div className="collections-choices">
          {all.length === 0 && <span className="muted">The site has no collections yet.</span>}
          {all.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={value.includes(name)}
                onChange={(event) => toggle(name, event.target.checked)}
              />
              {name}
            </label>
          ))}
          {value.length === 0 && (
            <span className="field-help">None chosen: they can change nothing.</span>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** A restriction as a few words ("every collection", "blog, docs"). */
export function describeCollections(collections: readonly string[] | undefined | null): string {
  if (!collections) return 'Every collection';
  return collections.length ? collections.join(', ') : 'None';
}
