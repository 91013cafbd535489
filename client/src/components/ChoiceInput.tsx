import type { JsonValue } from '../../../shared/api/contract.ts';
import { optionLabel, optionValue } from '../../../shared/fields/select/index.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';

/** Props of ChoiceInput. */
export interface ChoiceInputProps {
  id: string;
  field: FieldSpec;
  value: JsonValue | undefined;
  describedBy?: string;
  onChange: (value: JsonValue) => void;
}

/**
 * A select field: a drop-down of its options, or a checkbox per option with `multiple`. A value
 * in the file that is not one of the options is shown as such rather than lost.
 */
export function ChoiceInput({ id, field, value, describedBy, onChange }: ChoiceInputProps) {
  const options = field.options ?? [];
  const values = options.map(optionValue);
  if (field.multiple) {
    const chosen = Array.isArray(value) ? value : [];
    const strays = chosen.filter(
      (item): item is string | number =>
        (typeof item === 'string' || typeof item === 'number') && !values.includes(item),
    );
    const toggle = (choice: string | number, on: boolean) =>
      onChange(on ? [...chosen, choice] : chosen.filter((item) => item !== choice));
    return (
      <div
        id={id}
        className="fm-choices"
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
      >
        {[...options, ...strays].map((option, index) => {
          const choice = optionValue(option);
          const stray = index >= options.length;
          return (
            <label key={`${typeof choice}:${choice}`} className="fm-choice">
              <input
                type="checkbox"
                checked={chosen.includes(choice)}
                onChange={(event) => toggle(choice, event.target.checked)}
              />
              {optionLabel(option)}
              {stray && <span className="fm-unknown"> not one of the choices</span>}
            </label>
          );
        })}
      </div>
    );
  }
  const current = typeof value === 'string' || typeof value === 'number' ? value : '';
  const stray = current !== '' && !values.includes(current);
  const index = values.indexOf(current);
  return (
    <select
      id={id}
      value={stray ? 'stray' : index >= 0 ? String(index) : ''}
      aria-describedby={describedBy}
      aria-invalid={stray || undefined}
      onChange={(event) => {
        const picked = event.target.value;
        if (picked === '') onChange('');
        else if (picked !== 'stray') onChange(values[Number(picked)]!);
      }}
    >
      <option value="">{field.required ? 'Choose…' : '(none)'}</option>
      {options.map((option, i) => (
        <option key={i} value={String(i)}>
          {optionLabel(option)}
        </option>
      ))}
      {stray && <option value="stray">{`${current} (not one of the choices)`}</option>}
    </select>
  );
}
