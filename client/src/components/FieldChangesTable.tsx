import type { FieldChange, JsonValue } from '../../../shared/api/contract.ts';
import '../styles/diff.css';

/** Shows a front matter value compactly: strings as written, lists comma-separated, the rest as JSON. */
export function showValue(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.join(', ') || '(empty list)';
  return JSON.stringify(value);
}

/** The front matter keys a change touched: key, value before, value after. */
export function FieldChangesTable({
  changes,
  caption,
}: {
  changes: FieldChange[];
  caption: string;
}) {
  if (changes.length === 0) return <p className="muted">No front matter key changed.</p>;
  return (
    <div className="table-scroll">
      <table className="changes">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.key}>
              <th scope="row">
                <code>{change.key}</code>
              </th>
              <td className={change.before === undefined ? 'muted' : 'value-before'}>
                {showValue(change.before)}
              </td>
              <td className={change.after === undefined ? 'muted' : 'value-after'}>
                {showValue(change.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
