import type { JsonValue } from '../../../shared/api/contract.ts';
import { isImageValue } from '../lib/fieldKinds.ts';
import { ImagePathsInput } from './ImagePathsInput.tsx';
import { RawValueInput } from './RawValueInput.tsx';

type JsonMap = { [key: string]: JsonValue };

/** Props of ObjectFieldsInput. */
export interface ObjectFieldsInputProps {
  id: string;
  /** The dotted name of the map (`cover`), which prefixes each key's label (`cover.image`). */
  name: string;
  value: JsonMap;
  onChange: (value: JsonMap) => void;
  onValidity: (valid: boolean) => void;
}

const isMap = (value: JsonValue): value is JsonMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A nested map of the front matter (PaperMod's `cover: {image, alt}`) as one input per key: image
 * paths and lists of them get the thumbnail and media library control of top-level image fields,
 * text a text box, maps the same again, anything else the raw editor. A change replaces only that
 * key, so the save edits only its line.
 */
export function ObjectFieldsInput({
  id,
  name,
  value,
  onChange,
  onValidity,
}: ObjectFieldsInputProps) {
  return (
    <div className="fm-object" role="group" aria-labelledby={`${id}-label`}>
      {Object.entries(value).map(([key, item], index) => {
        const inputId = `${id}-k${index}`;
        const label = `${name}.${key}`;
        const set = (next: JsonValue) => onChange({ ...value, [key]: next });
        return (
          <div key={key} className="fm-object-field">
            <label id={`${inputId}-label`} htmlFor={inputId}>
              {key}
            </label>
            {isImageValue(key, item) ? (
              <ImagePathsInput
                id={inputId}
                label={label}
                value={item as string | string[]}
                onChange={set}
              />
            ) : isMap(item) ? (
              <ObjectFieldsInput
                id={inputId}
                name={label}
                value={item}
                onChange={set}
                onValidity={onValidity}
              />
            ) : typeof item === 'boolean' ? (
              <input
                id={inputId}
                type="checkbox"
                checked={item}
                onChange={(event) => set(event.target.checked)}
              />
            ) : typeof item === 'string' && !item.includes('\n') ? (
              <input id={inputId} value={item} onChange={(event) => set(event.target.value)} />
            ) : (
              <RawValueInput id={inputId} value={item} onChange={set} onValidity={onValidity} />
            )}
          </div>
        );
      })}
    </div>
  );
}
