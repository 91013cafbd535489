import { textSchema } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** Text longer than this, or with a line break, is `text` (a text area), not `string`. */
export const LONG_TEXT = 100;

/** One line of text (a title, a name). */
export const stringKind: FieldKind = {
  name: 'string',
  detect: (value) => typeof value === 'string',
  parse: (value) => (typeof value === 'string' ? value : undefined),
  serialize: (value) => value,
  schema: textSchema,
  empty: () => '',
};
