import type { JsonValue } from '../../../shared/api/contract.ts';
import type { FieldKind } from '../lib/fieldKinds.ts';
import { DateTimeInput } from './DateTimeInput.tsx';
import { ImagePathsInput } from './ImagePathsInput.tsx';
import { NumberInput } from './NumberInput.tsx';
import { ObjectFieldsInput } from './ObjectFieldsInput.tsx';
import { RawValueInput } from './RawValueInput.tsx';
import { TokenInput } from './TokenInput.tsx';

/** Props of FieldInput. */
export interface FieldInputProps {
  id: string;
  name: string;
  kind: FieldKind;
  value: JsonValue | undefined;
  suggestions: string[];
  onChange: (value: JsonValue) => void;
  onValidity: (valid: boolean) => void;
}

/** The input for one front matter value, chosen by its kind. */
export function FieldInput({
  id,
  name,
  kind,
  value,
  suggestions,
  onChange,
  onValidity,
}: FieldInputProps) {
  switch (kind) {
    case 'boolean':
      return (
        <button
          id={id}
          type="button"
          role="switch"
          aria-checked={value === true}
          aria-labelledby={`${id}-label`}
          className={`switch${value === true ? ' is-on' : ''}`}
          onClick={() => onChange(value !== true)}
        >
          <span className="flag-track" aria-hidden="true">
            <span className="flag-thumb" />
          </span>
          <span className="switch-state" aria-hidden="true">
            {value === true ? 'On' : 'Off'}
          </span>
        </button>
      );
    case 'datetime':
      return (
        <DateTimeInput
          id={id}
          label={name}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
        />
      );
    case 'tokens':
      return (
        <TokenInput
          id={id}
          label={name}
          values={Array.isArray(value) ? (value as string[]) : []}
          suggestions={suggestions}
          onChange={onChange}
        />
      );
    case 'images':
      return (
        <ImagePathsInput
          id={id}
          label={name}
          value={
            typeof value === 'string' ? value : Array.isArray(value) ? (value as string[]) : []
          }
          onChange={onChange}
        />
      );
    case 'group':
      return (
        <ObjectFieldsInput
          id={id}
          name={name}
          value={value as { [key: string]: JsonValue }}
          onChange={onChange}
          onValidity={onValidity}
        />
      );
    case 'number':
      return (
        <NumberInput
          id={id}
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
          onValidity={onValidity}
        />
      );
    case 'longtext':
      return (
        <textarea
          id={id}
          rows={3}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'text':
      return (
        <input
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default:
      return <RawValueInput id={id} value={value} onChange={onChange} onValidity={onValidity} />;
  }
}
