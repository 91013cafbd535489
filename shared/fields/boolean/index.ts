import { z } from 'zod';
import { fieldMessages } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** Yes or no (draft, featured): a switch in the form, and a one-click flag in the list when marked so. */
export const booleanKind: FieldKind = {
  name: 'boolean',
  detect: (value) => typeof value === 'boolean',
  parse: (value) => (typeof value === 'boolean' ? value : undefined),
  serialize: (value) => value === true,
  schema: (spec) => z.boolean({ error: fieldMessages.type(spec, 'true or false') }),
  empty: () => false,
};
