import { useState } from 'react';

/** Props of NumberInput. */
export interface NumberInputProps {
  id: string;
  value: number | undefined;
  onChange: (value: number) => void;
  onValidity: (valid: boolean) => void;
}

/** A number field that can be cleared and retyped: the text is its own, the value follows once it reads as a number. */
export function NumberInput({ id, value, onChange, onValidity }: NumberInputProps) {
  const [text, setText] = useState(() => (value === undefined ? '' : String(value)));
  const [seen, setSeen] = useState(value);
  // A value set from outside (a restored draft, a merge) replaces the text; our own changes do not.
  if (value !== seen) {
    setSeen(value);
    if (value === undefined || Number(text) !== value || text.trim() === '') {
      setText(value === undefined ? '' : String(value));
    }
  }
  // Empty is a problem once there is a number to lose; a field not in the file yet may stay empty.
  const empty = text.trim() === '' && value !== undefined;
  const handleChange = (next: string) => {
    setText(next);
    const number = Number(next);
    const valid = next.trim() !== '' && Number.isFinite(number);
    onValidity(valid);
    if (valid && number !== value) {
      setSeen(number);
      onChange(number);
    }
  };
  return (
    <>
      <input
        id={id}
        type="number"
        step="any"
        inputMode="decimal"
        value={text}
        aria-invalid={empty}
        aria-describedby={empty ? `${id}-help` : undefined}
        onChange={(event) => handleChange(event.target.value)}
      />
      {empty && (
        <span id={`${id}-help`} className="field-error">
          Type a number, or remove this field.
        </span>
      )}
    </>
  );
}
