import { useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { addTokens, foldToken, splitTokens } from '../lib/tokens.ts';

/** Props of TokenInput. */
export interface TokenInputProps {
  id: string;
  label: string;
  values: string[];
  suggestions: string[];
  onChange: (values: string[]) => void;
  describedBy?: string;
}

/**
 * A list of tokens (tags, categories, authors): type and press Enter or comma, or paste a list;
 * a token matching an existing value in another case takes the existing spelling.
 */
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
  const [note, setNote] = useState('');
  const add = (tokens: string[]) => {
    const result = addTokens(values, tokens, suggestions);
    if (result.values.length !== values.length) onChange(result.values);
    setNote(result.notes.join(' '));
    setText('');
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      if (text.trim()) add([text]);
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  const handlePaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[,\n\r]/.test(pasted)) return;
    event.preventDefault();
    add(splitTokens(text + pasted));
  };
  const handleChange = (value: string) => {
    // A list dropped or filled in at once (autofill, drag and drop) is split like a paste.
    if (/[,\n\r]/.test(value)) {
      const parts = value.split(/[,\n\r]/);
      const rest = parts.pop() ?? '';
      add(splitTokens(parts.join(',')));
      setText(rest.trimStart());
      return;
    }
    // Picking a datalist suggestion fills the box in one step: take it as a token right away.
    if (suggestions.includes(value) && value.length - text.length > 1) add([value]);
    else setText(value);
  };
  const taken = new Set(values.map(foldToken));
  const offered = suggestions.filter((s) => !taken.has(foldToken(s))).slice(0, 200);
  const noteId = `${id}-note`;

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
        aria-describedby={[describedBy, noteId].filter(Boolean).join(' ')}
        onChange={(event) => handleChange(event.target.value)}
        onKeyDown={handleKeyDown}
        onPaste={handlePaste}
        onBlur={() => text.trim() && add([text])}
      />
      <span id={noteId} className="field-help chip-note" role="status">
        {note}
      </span>
      <datalist id={listId}>
        {offered.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
