/** Props of FlagSwitch. */
export interface FlagSwitchProps {
  label: string;
  /** Who the switch belongs to, for its accessible name ("Featured: My post"). */
  owner: string;
  checked: boolean;
  busy?: boolean;
  disabled?: boolean;
  onToggle: () => void;
}

/** A one-click on/off switch that shows when its change is being saved. */
export function FlagSwitch({
  label,
  owner,
  checked,
  busy = false,
  disabled = false,
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
      onClick={onToggle}
    >
      <span className="flag-track" aria-hidden="true">
        <span className="flag-thumb" />
      </span>
      <span className="flag-label">{label}</span>
    </button>
  );
}
