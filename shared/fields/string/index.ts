import { textSchema } from '../messages.ts';
import type { FieldKind } from '../types.ts';

export { LONG_TEXT } from '../constants.ts';

/** One line of text (a title, a name). */
export const stringKind: FieldKind = {
  name: 'string',
  detect: (value) => typeof value === 'string',
  parse: (value) => (typeof value === 'string' ? value : undefined),
  serialize: (value) => value,
  schema: textSchema,
  empty: () => '',
};
