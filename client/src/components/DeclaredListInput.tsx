import type { JsonValue } from '../../../shared/api/contract.ts';
import { isMap } from '../../../shared/fields/json.ts';
import { labelOf } from '../../../shared/fields/messages.ts';
import { initialValue } from '../../../shared/fields/registry.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import { DeclaredFields } from './DeclaredFields.tsx';

/** Props of DeclaredListInput. */
export interface DeclaredListInputProps {
  id: string;
  name: string;
  /** The list field, with the fields of each item. */
  field: FieldSpec;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
  onValidity: (valid: boolean) => void;
}

/** A list of objects the schema declares (`links: [{label, url}]`): one nested form per item, added, removed and moved. */
export function DeclaredListInput({
  id,
  name,
  field,
  value,
  onChange,
  onValidity,
}: DeclaredListInputProps) {
  const items = Array.isArray(value) ? value : [];
  const fields = field.fields ?? [];
  const label = labelOf(field);
  const set = (index: number, next: JsonValue) =>
    onChange(items.map((item, i) => (i === index ? next : item)));
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const fresh = () =>
    Object.fromEntries(
      fields
        .filter((f) => f.default !== undefined || f.required)
        .map((f) => [f.name, initialValue(f)]),
    );
  return (
    <div className="fm-list" role="group" aria-labelledby={`${id}-label`}>
      {items.map((item, index) => (
        <fieldset key={index} className="fm-list-item">
          <legend>{`${label} ${index + 1}`}</legend>
          {isMap(item) ? (
            <DeclaredFields
              id={`${id}-i${index}`}
              name={`${name}.${index}`}
              fields={fields}
              value={item}
              onChange={(next) => set(index, next)}
              onValidity={onValidity}
            />
          ) : (
            <p className="fm-unknown">{`Not a map: ${JSON.stringify(item)}`}</p>
          )}
          <div className="fm-list-actions">
            <button
              type="button"
              className="button button-small"
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              Move up
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={index === items.length - 1}
              onClick={() => move(index, 1)}
            >
              Move down
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove ${label} ${index + 1}`}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-small"
        disabled={field.max !== undefined && items.length >= field.max}
        onClick={() => onChange([...items, fresh()])}
      >
        {`Add ${label.toLowerCase()}`}
      </button>
    </div>
  );
}
