import { useId, useState } from 'react';
import type { Collection, FrontMatter, JsonValue } from '../../../shared/api/contract.ts';
import { labelOf } from '../../../shared/fields/messages.ts';
import type { FieldIssue } from '../../../shared/fields/types.ts';
import {
  NEW_KEY_TYPES,
  emptyValue,
  inputKind,
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
  /** What breaks the collection's declared fields, shown under each field (the server says the same). */
  issues?: FieldIssue[];
  /** A translation's fields that are the original's only: not shown (kept as they are), and named in a note. */
  originalOnly?: { keys: Set<string>; labels: string[]; language: string };
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
  issues = [],
  originalOnly,
}: FrontMatterFormProps) {
  const id = useId();
  const [adding, setAdding] = useState('');
  const [customKey, setCustomKey] = useState('');
  const [customType, setCustomType] = useState<NewKeyType>('text');
  const fields = new Map((collection?.fields ?? []).map((f) => [f.name, f]));
  const declared = collection?.declared === true;
  // A declared collection shows its fields in their order, present or not (typing adds the key),
  // then the file's other keys; otherwise the form follows the file.
  const rows: string[] = (
    declared
      ? [
          ...[...fields.values()].filter((f) => f.kind !== 'hidden').map((f) => f.name),
          ...Object.keys(frontMatter).filter((key) => !fields.has(key)),
        ]
      : Object.keys(frontMatter)
  ).filter((key) => !originalOnly?.keys.has(key));
  const missing = declared ? [] : [...fields.keys()].filter((name) => !(name in frontMatter));
  const issuesOf = (key: string) =>
    issues.filter((issue) => issue.path === key || issue.path.startsWith(`${key}.`));
  const keyTaken = customKey.trim() in frontMatter;

  const handleAdd = () => {
    const key = adding === OTHER ? customKey.trim() : adding;
    if (!key || key in frontMatter) return;
    const field = fields.get(key);
    onChange(
      key,
      adding === OTHER
        ? newKeyValue(customType)
        : emptyValue(inputKind(key, undefined, field, declared), field),
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
      {originalOnly && originalOnly.labels.length > 0 && (
        <p className="fm-original-only" role="note">
          Set in the {originalOnly.language} version only: {originalOnly.labels.join(', ')}.
        </p>
      )}
      {rows.map((key, index) => {
        const value = frontMatter[key];
        const present = key in frontMatter;
        const field = fields.get(key);
        const kind = inputKind(key, value, field, declared);
        const inputId = `${id}-f${index}`;
        const problems = issuesOf(key);
        const label = declared && field ? labelOf(field) : key;
        const describedBy =
          [field?.hint && `${inputId}-hint`, problems.length > 0 && `${inputId}-issues`]
            .filter(Boolean)
            .join(' ') || undefined;
        return (
          <div
            key={key}
            className={`fm-field fm-kind-${kind}${changedKeys.has(key) ? ' is-changed' : ''}${problems.length ? ' is-invalid' : ''}`}
          >
            <div className="fm-label-row">
              <label
                id={`${inputId}-label`}
                htmlFor={inputId}
                className={label !== key ? 'is-label' : undefined}
              >
                {label}
                {declared && field?.required && <span className="fm-required"> (required)</span>}
              </label>
              {label !== key && <code className="fm-key">{key}</code>}
              {changedKeys.has(key) && (
                <span className="fm-changed-dot" title="Changed since the last save" />
              )}
              {!field && collection && (
                <span className="fm-unknown">not in the collection’s fields</span>
              )}
              {declared && field && !present && <span className="fm-absent">not in the file</span>}
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
                field={field}
                suggestions={field?.suggestions ?? []}
                describedBy={describedBy}
                onChange={(next) => onChange(key, next)}
                onValidity={(valid) => onValidity(key, valid)}
              />
            </fieldset>
            {declared && field?.hint && (
              <p id={`${inputId}-hint`} className="fm-hint">
                {field.hint}
              </p>
            )}
            {problems.length > 0 && (
              <ul id={`${inputId}-issues`} className="fm-issues">
                {problems.map((issue, i) => (
                  <li key={i}>{issue.message}</li>
                ))}
              </ul>
            )}
            {key in lockedKeys && (
              <p id={`${inputId}-locked`} className="fm-locked-reason">
                {lockedKeys[key]}
              </p>
            )}
            {/* After its input in the tab order; shown at the top right of the field. */}
            {present && !PROTECTED.has(key) && !(key in lockedKeys) && (
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
