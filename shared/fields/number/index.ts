import { z } from 'zod';
import { fieldMessages } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** A number (weight, a rating), with optional bounds and whole numbers only. */
export const numberKind: FieldKind = {
  name: 'number',
  detect: (value) => typeof value === 'number',
  parse: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined),
  serialize: (value) => value,
  schema: (spec) => {
    let schema = z.number({ error: fieldMessages.type(spec, 'a number') });
    if (spec.integer) schema = schema.int(fieldMessages.integer(spec));
    if (spec.min !== undefined)
      schema = schema.min(spec.min, fieldMessages.minValue(spec, spec.min));
    if (spec.max !== undefined)
      schema = schema.max(spec.max, fieldMessages.maxValue(spec, spec.max));
    return schema;
  },
  empty: (spec) => spec.min ?? 0,
};
