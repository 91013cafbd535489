/** Props of FlagSwitch. */
export interface FlagSwitchProps {
  label: string;
  /** Who the switch belongs to, for its accessible name ("Featured: My post"). */
  owner: string;
  checked: boolean;
  busy?: boolean;
  disabled?: boolean;
  /** -1 keeps it out of the Tab order (a list row that is not the active one). */
  tabIndex?: number;
  onToggle: () => void;
}

/** A one-click on/off switch that shows when its change is being saved. */
export function FlagSwitch({
  label,
  owner,
  checked,
  busy = false,
  disabled = false,
  tabIndex,
  onToggle,
}: FlagSwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-busy={busy || undefined}
      aria-label={`${label}: ${owner}`}
      className={`flag-switch${checked ? ' is-on' : ''}${busy ? ' is-busy' : ''}`}
      disabled={disabled || busy}
      tabIndex={tabIndex}
      onClick={onToggle}
    >
      <span className="flag-track" aria-hidden="true">
        <span className="flag-thumb" />
      </span>
      <span className="flag-label">{label}</span>
    </button>
  );
}
