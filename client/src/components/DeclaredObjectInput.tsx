import type { JsonValue } from '../../../shared/api/contract.ts';
import { isMap } from '../../../shared/fields/json.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import { DeclaredFields } from './DeclaredFields.tsx';

/** Props of DeclaredObjectInput. */
export interface DeclaredObjectInputProps {
  id: string;
  name: string;
  fields: readonly FieldSpec[];
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
  onValidity: (valid: boolean) => void;
}

/** An object field the schema declares (`author: {name, url}`): a nested form of its fields. */
export function DeclaredObjectInput({
  id,
  name,
  fields,
  value,
  onChange,
  onValidity,
}: DeclaredObjectInputProps) {
  return (
    <div className="fm-object" role="group" aria-labelledby={`${id}-label`}>
      <DeclaredFields
        id={id}
        name={name}
        fields={fields}
        value={isMap(value) ? value : {}}
        onChange={onChange}
        onValidity={onValidity}
      />
    </div>
  );
}
