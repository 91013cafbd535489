import { textSchema } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** Markdown inside the front matter (never inferred: a value cannot tell it is Markdown). */
export const markdownKind: FieldKind = {
  name: 'markdown',
  detect: () => false,
  parse: (value) => (typeof value === 'string' ? value : undefined),
  serialize: (value) => value,
  schema: textSchema,
  empty: () => '',
};
