import { z } from 'zod';
import { isStringList } from '../json.ts';
import { countedList, fieldMessages } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** A list of short texts (tags, categories), with the values the site already uses as suggestions. */
export const tagsKind: FieldKind = {
  name: 'tags',
  detect: (value) => isStringList(value),
  parse: (value) => (isStringList(value) ? value : undefined),
  serialize: (value) => value,
  schema: (spec) =>
    countedList(
      spec,
      z
        .string({ error: fieldMessages.type(spec, 'a list of texts') })
        .trim()
        .min(1, fieldMessages.type(spec, 'a list of texts that are not empty')),
      'a list of texts',
    ),
  empty: () => [],
};
