import type { FieldChange, JsonValue } from '../../shared/api/contract.ts';

type Data = Record<string, JsonValue>;

/** The top-level front matter keys whose values differ, in the order the files list them. */
export function frontMatterChanges(before: Data | null, after: Data | null): FieldChange[] {
  const a = before ?? {};
  const b = after ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const has = { before: Object.hasOwn(a, key), after: Object.hasOwn(b, key) };
    if (has.before && has.after && sameValue(a[key]!, b[key]!)) continue;
    const change: FieldChange = { key };
    if (has.before) change.before = a[key];
    if (has.after) change.after = b[key];
    changes.push(change);
  }
  return changes;
}

/** Structural equality of JSON values (key order of objects does not matter). */
export function sameValue(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]!));
  const ao = a as Data;
  const bo = b as Data;
  const keys = Object.keys(ao);
  return (
    keys.length === Object.keys(bo).length &&
    keys.every((k) => Object.hasOwn(bo, k) && sameValue(ao[k]!, bo[k]!))
  );
}
