import { z } from 'zod';
import { isMap } from './json.ts';
import { fieldMessages } from './messages.ts';
import { kindOf } from './registry.ts';
import type { FieldSpec } from './types.ts';

/** True for what counts as no value: absent, null, empty text, an empty list or map. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0) ||
    (isMap(value) && Object.keys(value).length === 0)
  );
}

/** The zod schema of one field's value: empty is fine unless required, anything else must satisfy its kind. */
export function fieldSchema(spec: FieldSpec): z.ZodType {
  const inner = kindOf(spec.kind).schema(spec);
  return z.unknown().superRefine((value, ctx) => {
    if (isEmptyValue(value)) {
      if (spec.required) ctx.addIssue({ code: 'custom', message: fieldMessages.required(spec) });
      return;
    }
    const result = inner.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
}

/**
 * The zod schema of a map of fields (front matter, an object field, an item of a list): each
 * declared key checked by its kind, required ones present, unknown keys kept as they are.
 */
export function fieldsSchema(
  fields: readonly FieldSpec[],
  notAMap = 'Expected a map of keys to values.',
): z.ZodType<Record<string, unknown>> {
  const map = z.record(z.string(), z.unknown(), { error: notAMap }) as z.ZodType<
    Record<string, unknown>
  >;
  const schemas = fields.map((spec) => [spec, fieldSchema(spec)] as const);
  return map.superRefine((data, ctx) => {
    if (!isMap(data)) return;
    for (const [spec, schema] of schemas) {
      const result = schema.safeParse(data[spec.name]);
      if (result.success) continue;
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: [spec.name, ...issue.path] });
    }
  });
}
