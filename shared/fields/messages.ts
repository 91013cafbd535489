import { z } from 'zod';
import type { FieldSpec } from './types.ts';

/** The name a message uses for a field: its label, else its key. */
export function labelOf(spec: FieldSpec): string {
  return spec.label?.trim() || spec.name;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Every sentence the validation says, so that the server and the form say the same. */
export const fieldMessages = {
  required: (s: FieldSpec) => `${labelOf(s)} is required.`,
  type: (s: FieldSpec, what: string) => `${labelOf(s)} must be ${what}.`,
  minLength: (s: FieldSpec, n: number) =>
    `${labelOf(s)} must be at least ${plural(n, 'character', 'characters')} long.`,
  maxLength: (s: FieldSpec, n: number) =>
    `${labelOf(s)} must be at most ${plural(n, 'character', 'characters')} long.`,
  minItems: (s: FieldSpec, n: number) =>
    `${labelOf(s)} needs at least ${plural(n, 'item', 'items')}.`,
  maxItems: (s: FieldSpec, n: number) =>
    `${labelOf(s)} takes at most ${plural(n, 'item', 'items')}.`,
  minValue: (s: FieldSpec, n: number) => `${labelOf(s)} must be ${n} or more.`,
  maxValue: (s: FieldSpec, n: number) => `${labelOf(s)} must be ${n} or less.`,
  integer: (s: FieldSpec) => `${labelOf(s)} must be a whole number.`,
  pattern: (s: FieldSpec) => s.message?.trim() || `${labelOf(s)} is not in the expected form.`,
  option: (s: FieldSpec, allowed: string) => `${labelOf(s)} must be one of: ${allowed}.`,
  datetime: (s: FieldSpec) =>
    `${labelOf(s)} must be a date and time such as 2025-04-18T10:00:00-06:00.`,
  date: (s: FieldSpec) => `${labelOf(s)} must be a date such as 2025-04-18.`,
};

// A pattern the site declared that JavaScript cannot compile matches nothing, rather than crashing.
function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

/** A string schema with the field's length bounds and pattern, in the shared messages. */
export function textSchema(spec: FieldSpec): z.ZodString {
  let schema = z.string({ error: fieldMessages.type(spec, 'text') });
  if (spec.min !== undefined)
    schema = schema.min(spec.min, fieldMessages.minLength(spec, spec.min));
  if (spec.max !== undefined)
    schema = schema.max(spec.max, fieldMessages.maxLength(spec, spec.max));
  if (spec.pattern !== undefined) {
    const re = compile(spec.pattern);
    schema = schema.refine((text) => re !== null && re.test(text), fieldMessages.pattern(spec));
  }
  return schema as z.ZodString;
}

/** An array schema with the field's count bounds. */
export function countedList<T extends z.ZodType>(spec: FieldSpec, item: T, what: string) {
  let schema = z.array(item, { error: fieldMessages.type(spec, what) });
  if (spec.min !== undefined) schema = schema.min(spec.min, fieldMessages.minItems(spec, spec.min));
  if (spec.max !== undefined) schema = schema.max(spec.max, fieldMessages.maxItems(spec, spec.max));
  return schema;
}
