import type { JsonValue } from '../../../shared/api/contract.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import type { InputKind } from '../lib/fieldKinds.ts';
import { ChoiceInput } from './ChoiceInput.tsx';
import { DateTimeInput } from './DateTimeInput.tsx';
import { DeclaredListInput } from './DeclaredListInput.tsx';
import { DeclaredObjectInput } from './DeclaredObjectInput.tsx';
import { ImagePathsInput } from './ImagePathsInput.tsx';
import { NumberInput } from './NumberInput.tsx';
import { ObjectFieldsInput } from './ObjectFieldsInput.tsx';
import { RawValueInput } from './RawValueInput.tsx';
import { TokenInput } from './TokenInput.tsx';

/** Props of FieldInput. */
export interface FieldInputProps {
  id: string;
  /** The key, dotted inside maps (`cover.image`): what screen readers and pickers call the input. */
  name: string;
  kind: InputKind;
  value: JsonValue | undefined;
  /** The field as declared or inferred: options, bounds, nested fields, suggestions. */
  field?: FieldSpec;
  suggestions: string[];
  onChange: (value: JsonValue) => void;
  onValidity: (valid: boolean) => void;
  /** Ids of the hint and messages shown under the input. */
  describedBy?: string;
}

const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');
const strings = (value: JsonValue | undefined) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The input for one front matter value, one per field kind. */
export function FieldInput(props: FieldInputProps) {
  const { id, name, kind, value, field, suggestions, onChange, onValidity, describedBy } = props;
  const invalid = describedBy?.includes('-issues') || undefined;
  switch (kind) {
    case 'boolean':
      return (
        <button
          id={id}
          type="button"
          role="switch"
          aria-checked={value === true}
          aria-labelledby={`${id}-label`}
          aria-describedby={describedBy}
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
      return <DateTimeInput id={id} label={name} value={text(value)} onChange={onChange} />;
    case 'date':
      return (
        <input
          id={id}
          type="date"
          value={text(value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'select':
      return (
        <ChoiceInput
          id={id}
          field={field ?? { name, kind: 'select' }}
          value={value}
          describedBy={describedBy}
          onChange={onChange}
        />
      );
    case 'relation':
    case 'file':
      if (field?.multiple || Array.isArray(value))
        return (
          <TokenInput
            id={id}
            label={name}
            values={strings(value)}
            suggestions={suggestions}
            onChange={onChange}
            describedBy={describedBy}
          />
        );
      return (
        <SuggestedText
          id={id}
          value={text(value)}
          suggestions={suggestions}
          describedBy={describedBy}
          onChange={onChange}
        />
      );
    case 'tags':
      return (
        <TokenInput
          id={id}
          label={name}
          values={strings(value)}
          suggestions={suggestions}
          onChange={onChange}
          describedBy={describedBy}
        />
      );
    case 'image':
      return (
        <ImagePathsInput
          id={id}
          label={name}
          value={
            typeof value === 'string'
              ? value
              : Array.isArray(value)
                ? strings(value)
                : field?.multiple
                  ? []
                  : ''
          }
          onChange={onChange}
        />
      );
    case 'object':
      if (field?.fields)
        return (
          <DeclaredObjectInput
            id={id}
            name={name}
            fields={field.fields}
            value={value}
            onChange={onChange}
            onValidity={onValidity}
          />
        );
      return (
        <ObjectFieldsInput
          id={id}
          name={name}
          value={value as { [key: string]: JsonValue }}
          onChange={onChange}
          onValidity={onValidity}
        />
      );
    case 'list':
      if (field?.fields)
        return (
          <DeclaredListInput
            id={id}
            name={name}
            field={field}
            value={value}
            onChange={onChange}
            onValidity={onValidity}
          />
        );
      return <RawValueInput id={id} value={value} onChange={onChange} onValidity={onValidity} />;
    case 'number':
      return (
        <NumberInput
          id={id}
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
          onValidity={onValidity}
        />
      );
    case 'text':
    case 'markdown':
      return (
        <textarea
          id={id}
          rows={kind === 'markdown' ? 6 : 3}
          value={text(value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'string':
      return (
        <input
          id={id}
          value={text(value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'hidden':
      return null;
    default:
      return <RawValueInput id={id} value={value} onChange={onChange} onValidity={onValidity} />;
  }
}

/** One line of text with the values the site offers (a relation's entries, files in use). */
function SuggestedText({
  id,
  value,
  suggestions,
  describedBy,
  onChange,
}: {
  id: string;
  value: string;
  suggestions: string[];
  describedBy?: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <input
        id={id}
        value={value}
        list={suggestions.length ? `${id}-choices` : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-choices`}>
          {suggestions.map((choice) => (
            <option key={choice} value={choice} />
          ))}
        </datalist>
      )}
    </>
  );
}
