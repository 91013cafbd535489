import { useId, useState } from 'react';
import type { Collection, FrontMatter, JsonValue } from '../../../shared/api/contract.ts';
import {
  NEW_KEY_TYPES,
  emptyValue,
  fieldKind,
  newKeyValue,
  type NewKeyType,
} from '../lib/fieldKinds.ts';
import { FieldInput } from './FieldInput.tsx';

/** Props of FrontMatterForm. */
export interface FrontMatterFormProps {
  frontMatter: FrontMatter;
  collection: Collection | undefined;
  /** Keys whose value differs from the saved version. */
  changedKeys: Set<string>;
  onChange: (key: string, value: JsonValue) => void;
  onRemove: (key: string) => void;
  onValidity: (key: string, valid: boolean) => void;
  /** The file's comments by key (read-only), shown beside their field. */
  comments?: Record<string, string[]>;
  /** Keys this user may not change, each with the reason shown under it (e.g. an author's draft). */
  lockedKeys?: Record<string, string>;
}

const PROTECTED = new Set(['title']);
const OTHER = '\u0000other';

/** The front matter form: one input per key of the entry (known and unknown), plus the collection's missing fields. */
export function FrontMatterForm({
  frontMatter,
  collection,
  changedKeys,
  onChange,
  onRemove,
  onValidity,
  comments = {},
  lockedKeys = {},
}: FrontMatterFormProps) {
  const id = useId();
  const [adding, setAdding] = useState('');
  const [customKey, setCustomKey] = useState('');
  const [customType, setCustomType] = useState<NewKeyType>('text');
  const fields = new Map((collection?.fields ?? []).map((f) => [f.name, f]));
  const missing = [...fields.keys()].filter((name) => !(name in frontMatter));
  const keyTaken = customKey.trim() in frontMatter;

  const handleAdd = () => {
    const key = adding === OTHER ? customKey.trim() : adding;
    if (!key || key in frontMatter) return;
    onChange(
      key,
      adding === OTHER
        ? newKeyValue(customType)
        : emptyValue(fieldKind(key, undefined, fields.get(key))),
    );
    setAdding('');
    setCustomKey('');
    setCustomType('text');
  };

  const loose = Object.entries(comments)
    .filter(([key]) => !(key in frontMatter))
    .flatMap(([, lines]) => lines);

  return (
    <div className="fm-form">
      {loose.length > 0 && <FileComments label="Comments in the front matter" lines={loose} />}
      {Object.entries(frontMatter).map(([key, value], index) => {
        const field = fields.get(key);
        const kind = fieldKind(key, value, field);
        const inputId = `${id}-f${index}`;
        return (
          <div
            key={key}
            className={`fm-field fm-${kind}${changedKeys.has(key) ? ' is-changed' : ''}`}
          >
            <div className="fm-label-row">
              <label id={`${inputId}-label`} htmlFor={inputId}>
                {key}
              </label>
              {changedKeys.has(key) && (
                <span className="fm-changed-dot" title="Changed since the last save" />
              )}
              {!field && collection && (
                <span className="fm-unknown">not in the collection’s fields</span>
              )}
            </div>
            {comments[key] && <FileComments label={`Comment on ${key}`} lines={comments[key]} />}
            <fieldset
              className="fm-input-group"
              disabled={key in lockedKeys}
              aria-describedby={key in lockedKeys ? `${inputId}-locked` : undefined}
            >
              <FieldInput
                id={inputId}
                name={key}
                kind={kind}
                value={value}
                suggestions={field?.suggestions ?? []}
                onChange={(next) => onChange(key, next)}
                onValidity={(valid) => onValidity(key, valid)}
              />
            </fieldset>
            {key in lockedKeys && (
              <p id={`${inputId}-locked`} className="fm-locked-reason">
                {lockedKeys[key]}
              </p>
            )}
            {/* After its input in the tab order; shown at the top right of the field. */}
            {!PROTECTED.has(key) && !(key in lockedKeys) && (
              <button
                type="button"
                className="fm-remove"
                aria-label={`Remove field ${key}`}
                title={`Remove ${key}`}
                onClick={() => onRemove(key)}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
      <div className="fm-add">
        <label htmlFor={`${id}-add`}>Add a field</label>
        <div className="fm-add-row">
          <select
            id={`${id}-add`}
            value={adding}
            onChange={(event) => setAdding(event.target.value)}
          >
            <option value="">Choose…</option>
            {missing.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={OTHER}>Other key…</option>
          </select>
          {adding === OTHER && (
            <>
              <input
                aria-label="New key name"
                value={customKey}
                placeholder="key"
                onChange={(event) => setCustomKey(event.target.value)}
                aria-invalid={keyTaken}
              />
              <select
                aria-label="Type of the new field"
                value={customType}
                onChange={(event) => setCustomType(event.target.value as NewKeyType)}
              >
                {NEW_KEY_TYPES.map(({ type, label }) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
            </>
          )}
          <button
            type="button"
            className="button button-small"
            onClick={handleAdd}
            disabled={!adding || (adding === OTHER && (!customKey.trim() || keyTaken))}
          >
            Add
          </button>
        </div>
      </div>
    </div>
  );
}

/** Comments of the file, shown as the file has them (edit them in the file itself). */
function FileComments({ label, lines }: { label: string; lines: string[] }) {
  return (
    <div className="fm-comment" role="note" aria-label={label} title="A comment in the file">
      {lines.map((line, index) => (
        <p key={index}>
          <span aria-hidden="true"># </span>
          {line}
        </p>
      ))}
    </div>
  );
}
