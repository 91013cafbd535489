import type { ComponentType } from 'react';
import type { JsonValue } from '../../../shared/api/contract.ts';
import { isMap } from '../../../shared/fields/json.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import type { InputKind } from '../lib/fieldKinds.ts';
import { ChoiceInput } from './ChoiceInput.tsx';
import { DateTimeInput } from './DateTimeInput.tsx';
import { DeclaredFields } from './DeclaredFields.tsx';
import { DeclaredListInput } from './DeclaredListInput.tsx';
import { ImagePathsInput } from './ImagePathsInput.tsx';
import { NumberInput } from './NumberInput.tsx';
import { ObjectFieldsInput } from './ObjectFieldsInput.tsx';
import { RawValueInput } from './RawValueInput.tsx';
import { TokenInput } from './TokenInput.tsx';

/** Props of FieldInput, and of each kind's input. */
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

type KindInput = ComponentType<FieldInputProps>;

const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');
const strings = (value: JsonValue | undefined) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
// The messages under an input name it as invalid.
const invalidOf = (describedBy: string | undefined) =>
  describedBy?.includes('-issues') || undefined;

function BooleanInput({ id, value, describedBy, onChange }: FieldInputProps) {
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
}

function DateInput({ id, value, describedBy, onChange }: FieldInputProps) {
  return (
    <input
      id={id}
      type="date"
      value={text(value)}
      aria-invalid={invalidOf(describedBy)}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function StringInput({ id, value, describedBy, onChange }: FieldInputProps) {
  return (
    <input
      id={id}
      value={text(value)}
      aria-invalid={invalidOf(describedBy)}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function TextInput({ id, kind, value, describedBy, onChange }: FieldInputProps) {
  return (
    <textarea
      id={id}
      rows={kind === 'markdown' ? 6 : 3}
      value={text(value)}
      aria-invalid={invalidOf(describedBy)}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function TagsInput({ id, name, value, suggestions, describedBy, onChange }: FieldInputProps) {
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
}

// A relation or a file path: one line with the site's values offered, or a list of them.
function ReferenceInput(props: FieldInputProps) {
  const { id, value, field, suggestions, describedBy, onChange } = props;
  if (field?.multiple || Array.isArray(value)) return <TagsInput {...props} />;
  return (
    <>
      <input
        id={id}
        value={text(value)}
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

function ImageInput({ id, name, value, field, onChange }: FieldInputProps) {
  const current =
    typeof value === 'string' ? value : Array.isArray(value) ? strings(value) : undefined;
  return (
    <ImagePathsInput
      id={id}
      label={name}
      value={current ?? (field?.multiple ? [] : '')}
      onChange={onChange}
    />
  );
}

function SelectInput({ id, name, value, field, describedBy, onChange }: FieldInputProps) {
  return (
    <ChoiceInput
      id={id}
      field={field ?? { name, kind: 'select' }}
      value={value}
      describedBy={describedBy}
      onChange={onChange}
    />
  );
}

// A declared object is a nested form of its fields; an undeclared map one input per key.
function ObjectInput({ id, name, value, field, onChange, onValidity }: FieldInputProps) {
  if (!field?.fields)
    return (
      <ObjectFieldsInput
        id={id}
        name={name}
        value={value as { [key: string]: JsonValue }}
        onChange={onChange}
        onValidity={onValidity}
      />
    );
  return (
    <div className="fm-object" role="group" aria-labelledby={`${id}-label`}>
      <DeclaredFields
        id={id}
        name={name}
        fields={field.fields}
        value={isMap(value) ? value : {}}
        onChange={onChange}
        onValidity={onValidity}
      />
    </div>
  );
}

function RawInput({ id, value, onChange, onValidity }: FieldInputProps) {
  return <RawValueInput id={id} value={value} onChange={onChange} onValidity={onValidity} />;
}

// A declared list of objects is a list of nested forms; any other list the raw editor.
function ListInput(props: FieldInputProps) {
  const { id, name, value, field, onChange, onValidity } = props;
  if (!field?.fields) return <RawInput {...props} />;
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
}

/** The input of each kind: one component per field kind, as the kinds in shared/fields are. */
const INPUTS: Record<InputKind, KindInput | null> = {
  boolean: BooleanInput,
  datetime: ({ id, name, value, onChange }) => (
    <DateTimeInput id={id} label={name} value={text(value)} onChange={onChange} />
  ),
  date: DateInput,
  select: SelectInput,
  relation: ReferenceInput,
  file: ReferenceInput,
  tags: TagsInput,
  image: ImageInput,
  object: ObjectInput,
  list: ListInput,
  number: ({ id, value, onChange, onValidity }) => (
    <NumberInput
      id={id}
      value={typeof value === 'number' ? value : undefined}
      onChange={onChange}
      onValidity={onValidity}
    />
  ),
  text: TextInput,
  markdown: TextInput,
  string: StringInput,
  hidden: null,
  raw: RawInput,
};

/** The input for one front matter value: its kind's input, the raw editor for a kind it lacks. */
export function FieldInput(props: FieldInputProps) {
  const Input = props.kind in INPUTS ? INPUTS[props.kind] : RawInput;
  return Input ? <Input {...props} /> : null;
}
