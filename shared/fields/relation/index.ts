import { z } from 'zod';
import { countedList, fieldMessages } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** A reference to entries of another collection (authors): their slugs, by default. */
export const relationKind: FieldKind = {
  name: 'relation',
  detect: () => false,
  parse: (value, spec) => {
    if (spec.multiple) return Array.isArray(value) ? value : undefined;
    return typeof value === 'string' ? value : undefined;
  },
  serialize: (value) => value,
  schema: (spec) => {
    const one = z.string({ error: fieldMessages.type(spec, 'the name of an entry') }).min(1);
    return spec.multiple ? countedList(spec, one, 'a list of entry names') : one;
  },
  empty: (spec) => (spec.multiple ? [] : ''),
};
