import { textSchema } from '../messages.ts';
import { LONG_TEXT } from '../constants.ts';
import type { FieldKind } from '../types.ts';

/** Several lines of plain text (a description, a summary). */
export const textKind: FieldKind = {
  name: 'text',
  detect: (value) =>
    typeof value === 'string' && (value.length > LONG_TEXT || value.includes('\n')),
  parse: (value) => (typeof value === 'string' ? value : undefined),
  serialize: (value) => value,
  schema: textSchema,
  empty: () => '',
};
