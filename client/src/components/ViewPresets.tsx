import type { Collection } from '../../../shared/api/contract.ts';

/**
 * The preset filters of the collection in view (Decap's `view_filters`), as toggle buttons above
 * the list: one at a time, pressed again to show every entry.
 */
export function ViewPresets({
  collection,
  view,
  onChange,
}: {
  collection: Collection | undefined;
  view: string | undefined;
  onChange: (view: string | undefined) => void;
}) {
  const presets = collection?.viewFilters ?? [];
  if (presets.length === 0) return null;
  return (
    <div
      className="view-presets"
      role="group"
      aria-label={`Presets of ${collection!.label ?? collection!.name}`}
    >
      <span className="view-presets-label" aria-hidden="true">
        Presets
      </span>
      {presets.map((preset) => {
        const pressed = preset.id === view;
        return (
          <button
            key={preset.id}
            type="button"
            className={`button button-small chip-toggle${pressed ? ' is-pressed' : ''}`}
            aria-pressed={pressed}
            onClick={() => onChange(pressed ? undefined : preset.id)}
          >
            {preset.label}
          </button>
        );
      })}
    </div>
  );
}
