import type { JsonValue } from '../../../shared/api/contract.ts';
import { labelOf } from '../../../shared/fields/messages.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import { inputKind } from '../lib/fieldKinds.ts';
import { FieldInput } from './FieldInput.tsx';

type JsonMap = { [key: string]: JsonValue };

/** Props of DeclaredFields. */
export interface DeclaredFieldsProps {
  id: string;
  /** The dotted name of the map (`author`, `links.0`), prefixing each key's name. */
  name: string;
  fields: readonly FieldSpec[];
  value: JsonMap;
  onChange: (value: JsonMap) => void;
  onValidity: (valid: boolean) => void;
}

/**
 * The inputs of a declared map (an object field, an item of a list): its declared fields in
 * their order with label and hint, then any key it has that the schema does not declare (kept).
 */
export function DeclaredFields({
  id,
  name,
  fields,
  value,
  onChange,
  onValidity,
}: DeclaredFieldsProps) {
  const declared = new Set(fields.map((f) => f.name));
  const rows: [string, FieldSpec | undefined][] = [
    ...fields.filter((f) => f.kind !== 'hidden').map((f) => [f.name, f] as [string, FieldSpec]),
    ...Object.keys(value)
      .filter((key) => !declared.has(key))
      .map((key) => [key, undefined] as [string, undefined]),
  ];
  return (
    <>
      {rows.map(([key, field], index) => {
        const inputId = `${id}-k${index}`;
        const item = value[key];
        return (
          <div key={key} className="fm-object-field">
            <label id={`${inputId}-label`} htmlFor={inputId}>
              {field ? labelOf(field) : key}
              {field?.required && <span className="fm-required"> (required)</span>}
            </label>
            <FieldInput
              id={inputId}
              name={`${name}.${key}`}
              kind={inputKind(key, item, field, field !== undefined)}
              value={item}
              field={field}
              suggestions={field?.suggestions ?? []}
              describedBy={field?.hint ? `${inputId}-hint` : undefined}
              onChange={(next) => onChange({ ...value, [key]: next })}
              onValidity={onValidity}
            />
            {field?.hint && (
              <p id={`${inputId}-hint`} className="fm-hint">
                {field.hint}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}
