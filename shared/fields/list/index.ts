import { z } from 'zod';
import { countedList } from '../messages.ts';
import { fieldsSchema } from '../shape.ts';
import type { FieldKind } from '../types.ts';

/** A list of maps (each item with `fields`), or of anything when none are declared. */
export const listKind: FieldKind = {
  name: 'list',
  detect: (value) => Array.isArray(value),
  parse: (value) => (Array.isArray(value) ? value : undefined),
  serialize: (value) => value,
  schema: (spec) =>
    countedList(spec, spec.fields ? fieldsSchema(spec.fields) : z.unknown(), 'a list'),
  empty: () => [],
};
