import { sameJson, type JsonValue } from './json.ts';
import { fieldsSchema } from './shape.ts';
import type { FieldIssue, FieldSpec } from './types.ts';

const built = new WeakMap<readonly FieldSpec[], ReturnType<typeof fieldsSchema>>();

/**
 * The zod schema of a collection's front matter: declared keys checked, unknown keys kept. Built
 * once per list of fields (the form checks every keystroke against the same collection's).
 */
export function schemaToZod(fields: readonly FieldSpec[]) {
  let schema = built.get(fields);
  if (!schema) built.set(fields, (schema = fieldsSchema(fields)));
  return schema;
}

/** Every problem of `data` against `fields`, as `{path, message}` (path: `key`, `key.sub`, `key.0`). */
export function validateFields(
  fields: readonly FieldSpec[],
  data: Record<string, JsonValue>,
): FieldIssue[] {
  const result = schemaToZod(fields).safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * The problems a write would bring in: those of keys whose value changes (or, for a new entry with
 * no `before`, of every key). A value already in the file that breaks the schema does not block
 * a save that leaves it alone, so flipping `draft` on an old post never fails on its `date`.
 */
export function validateChange(
  fields: readonly FieldSpec[],
  before: Record<string, JsonValue> | null,
  after: Record<string, JsonValue>,
): FieldIssue[] {
  const issues = validateFields(fields, after);
  if (!before) return issues;
  return issues.filter((issue) => {
    const key = issue.path.split('.')[0]!;
    return !sameJson(before[key], after[key]);
  });
}
