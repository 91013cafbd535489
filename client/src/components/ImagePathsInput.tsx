/** Props of ImagePathsInput. */
export interface ImagePathsInputProps {
  id: string;
  label: string;
  value: string | string[];
  onChange: (value: string | string[]) => void;
}

/** Image paths (one, or a list as Hugo's `images`), each a text box; paths are site paths such as /images/a.jpg. */
export function ImagePathsInput({ id, label, value, onChange }: ImagePathsInputProps) {
  if (typeof value === 'string') {
    return (
      <input
        id={id}
        value={value}
        spellCheck={false}
        placeholder="/images/cover.jpg"
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <div className="image-paths" role="group" aria-labelledby={`${id}-label`}>
      {value.map((path, index) => (
        <div key={index} className="image-path">
          <input
            id={index === 0 ? id : undefined}
            aria-label={`${label} ${index + 1}`}
            value={path}
            spellCheck={false}
            placeholder="/images/cover.jpg"
            onChange={(event) =>
              onChange(value.map((p, i) => (i === index ? event.target.value : p)))
            }
          />
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Remove ${label} ${index + 1}`}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...value, ''])}
      >
        Add image path
      </button>
    </div>
  );
}
