import { z } from 'zod';
import { isStringList } from '../json.ts';
import { countedList, fieldMessages, textSchema } from '../messages.ts';
import type { FieldKind, FieldSpec } from '../types.ts';

/** The parts image and file share: one path, or a list of them with `multiple`; a list in the file stays a list. */
export function pathKind(what: string): Omit<FieldKind, 'name' | 'detect'> {
  // Bounds count the paths of a list; a path itself only needs to be there and match the pattern.
  const one = (spec: FieldSpec) =>
    textSchema({ ...spec, min: undefined, max: undefined }).min(
      1,
      fieldMessages.type(spec, `the path of ${what === 'image' ? 'an' : 'a'} ${what}`),
    );
  return {
    parse: (value) => (typeof value === 'string' || isStringList(value) ? value : undefined),
    serialize: (value) => value,
    schema: (spec) => {
      const list = countedList(spec, one(spec), `a list of ${what} paths`);
      return spec.multiple
        ? list
        : z.union([one(spec), list], {
            error: fieldMessages.type(spec, `the path of ${what === 'image' ? 'an' : 'a'} ${what}`),
          });
    },
    empty: (spec) => (spec.multiple ? [] : ''),
  };
}

/** A file path (a PDF, a download). */
export const fileKind: FieldKind = { ...pathKind('file'), name: 'file', detect: () => false };
