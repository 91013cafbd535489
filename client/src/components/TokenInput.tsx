import { useId, useState, type KeyboardEvent } from 'react';

/** Props of TokenInput. */
export interface TokenInputProps {
  id: string;
  label: string;
  values: string[];
  suggestions: string[];
  onChange: (values: string[]) => void;
  describedBy?: string;
}

/** A list of tokens (tags, categories, authors): type and press Enter or comma; suggestions come from existing values. */
export function TokenInput({
  id,
  label,
  values,
  suggestions,
  onChange,
  describedBy,
}: TokenInputProps) {
  const listId = useId();
  const [text, setText] = useState('');
  const add = (raw: string) => {
    const token = raw.trim();
    if (token && !values.includes(token)) onChange([...values, token]);
    setText('');
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  const handleChange = (value: string) => {
    // Picking a datalist suggestion fills the box in one step: take it as a token right away.
    if (suggestions.includes(value) && !values.includes(value) && value.length - text.length > 1)
      add(value);
    else setText(value);
  };
  const offered = suggestions.filter((s) => !values.includes(s)).slice(0, 200);

  return (
    <div className="chips">
      <ul
        className="chip-list"
        aria-label={`${label}: ${values.length} ${values.length === 1 ? 'item' : 'items'}`}
      >
        {values.map((value) => (
          <li key={value} className="chip">
            <span>{value}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${value} from ${label}`}
              onClick={() => onChange(values.filter((v) => v !== value))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        className="chip-input"
        value={text}
        list={listId}
        placeholder={`Add ${label.toLowerCase()}…`}
        aria-describedby={describedBy}
        onChange={(event) => handleChange(event.target.value)}
        onKeyDown={handleKeyDown}
        onBlur={() => text.trim() && add(text)}
      />
      <datalist id={listId}>
        {offered.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
