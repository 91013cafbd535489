import { z } from 'zod';
import type { FieldKind } from '../types.ts';

/** A value the form does not show (kept as it is; a new entry gets the default). */
export const hiddenKind: FieldKind = {
  name: 'hidden',
  detect: () => false,
  parse: (value) => value,
  serialize: (value) => value,
  schema: () => z.unknown(),
  empty: (spec) => spec.default ?? null,
};
