import { useState } from 'react';
import type { JsonValue } from '../../../shared/api/contract.ts';
import { formatRawValue, parseRawValue } from '../lib/rawValue.ts';

/** Props of RawValueInput. */
export interface RawValueInputProps {
  id: string;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
  onValidity: (valid: boolean) => void;
}

/** Edits any value as text: JSON for lists, tables and literals, bare text for a string. */
export function RawValueInput({ id, value, onChange, onValidity }: RawValueInputProps) {
  const [text, setText] = useState(() => formatRawValue(value));
  const [error, setError] = useState<string | null>(null);
  const handleChange = (next: string) => {
    setText(next);
    const parsed = parseRawValue(next);
    setError(parsed.ok ? null : parsed.error);
    onValidity(parsed.ok);
    if (parsed.ok) onChange(parsed.value);
  };
  return (
    <>
      <textarea
        id={id}
        className="raw-input"
        rows={Math.min(8, Math.max(1, text.split('\n').length))}
        spellCheck={false}
        value={text}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-help`}
        onChange={(event) => handleChange(event.target.value)}
      />
      <span id={`${id}-help`} className={error ? 'field-error' : 'field-help'}>
        {error ?? 'Raw value: JSON (true, 3, ["a"], {"k": 1}) or plain text.'}
      </span>
    </>
  );
}
