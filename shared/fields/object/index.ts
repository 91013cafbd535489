import { isMap } from '../json.ts';
import { fieldMessages } from '../messages.ts';
import { fieldsSchema } from '../shape.ts';
import type { FieldKind } from '../types.ts';

/** A nested map (`params`, `author: {name, url}`), its own fields checked inside. */
export const objectKind: FieldKind = {
  name: 'object',
  detect: (value) => isMap(value),
  parse: (value) => (isMap(value) ? value : undefined),
  serialize: (value) => value,
  schema: (spec) =>
    fieldsSchema(spec.fields ?? [], fieldMessages.type(spec, 'a map of keys to values')),
  empty: () => ({}),
};
